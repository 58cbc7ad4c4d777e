const brand = Symbol.for('plugboard.error');

/** Codes of errors that happen before any answer from the API. */
export const SdkErrorCode = {
  /** The request never got an answer: offline, DNS, refused connection, CORS. */
  Network: 'network_error',
  /** No answer within the timeout. */
  Timeout: 'timeout',
} as const;

/** One of {@link SdkErrorCode}. */
export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

/**
 * The base of every error the SDK throws. Branch on `code`; show `message` to people.
 *
 * @example
 * ```ts
 * try { await session.connectors.list(); } catch (error) {
 *   if (isPlugboardError(error) && error.code === 'network_error') showOfflineBanner();
 * }
 * ```
 */
export class PlugboardError extends Error {
  override name: string = 'PlugboardError';
  /** Stable, machine-readable code. */
  readonly code: string;
  readonly [brand] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Whether a value is a Plugboard SDK error, also when it comes from another copy of the SDK
 * (a second bundle on the page), where `instanceof` would say no.
 */
export function isPlugboardError(value: unknown): value is PlugboardError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}
