/** Stable codes of {@link SpecError}: programs branch on these, people read the message. */
export const SpecErrorCode = {
  /** The text is neither JSON nor YAML, or it does not hold an object. */
  InvalidDocument: 'invalid_document',
  /** The document is not OpenAPI 3.0, 3.1 or Swagger 2.0. */
  UnsupportedVersion: 'unsupported_version',
} as const;

/** One of {@link SpecErrorCode}. */
export type SpecErrorCode = (typeof SpecErrorCode)[keyof typeof SpecErrorCode];

/**
 * The one error `@plugboard/openapi` throws: only when a document cannot be read at all. Everything a draft can
 * live without (an odd operation, an unsupported scheme, a broken `$ref`) becomes a warning instead.
 *
 * @example
 * ```ts
 * try {
 *   await parseSpec(text);
 * } catch (error) {
 *   if (isSpecError(error) && error.code === SpecErrorCode.UnsupportedVersion) showHint();
 * }
 * ```
 */
export class SpecError extends Error {
  override name = 'SpecError' as const;
  /** What went wrong, from {@link SpecErrorCode}. */
  readonly code: SpecErrorCode;

  constructor(code: SpecErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Whether a value is a {@link SpecError}, also across bundles (it checks the name and code, not the class).
 *
 * @param error - anything caught
 * @returns true for a `SpecError`
 */
export function isSpecError(error: unknown): error is SpecError {
  return (
    error instanceof SpecError ||
    (error instanceof Error && error.name === 'SpecError' && typeof (error as { code?: unknown }).code === 'string')
  );
}
