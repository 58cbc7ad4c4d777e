/** Why an outgoing request failed after the egress policy let it through. */
export type OutboundFailure = 'timeout' | 'too_large' | 'too_many_redirects' | 'network';

/**
 * Raised by {@link sendOutbound} when the third party did not answer in time, answered with more than the
 * size cap, redirected too often, or could not be reached. `failure` is stable for programs.
 */
export class OutboundError extends Error {
  override name = 'OutboundError' as const;
  readonly code = 'outbound_failed' as const;
  constructor(
    readonly failure: OutboundFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Whether a value is an {@link OutboundError}, also across bundles (it checks the code). */
  static is(value: unknown): value is OutboundError {
    return value instanceof Error && (value as { code?: unknown }).code === 'outbound_failed';
  }
}
