import type { EgressBlockReason } from './egress-policy.js';

/**
 * Raised when the egress policy refuses a URL: the request was never sent. Its message names the URL's
 * origin and the reason; `reason` is stable for programs.
 */
export class EgressBlockedError extends Error {
  override name = 'EgressBlockedError' as const;
  readonly code = 'egress_blocked' as const;

  constructor(
    readonly reason: EgressBlockReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Whether a value is an {@link EgressBlockedError}, also across bundles (it checks the code). */
  static is(value: unknown): value is EgressBlockedError {
    return value instanceof Error && (value as { code?: unknown }).code === 'egress_blocked';
  }
}
