import { PlugboardError } from './plugboard-error.js';

/** Codes of {@link WebhookVerificationError}. */
export const WebhookErrorCode = {
  /** The `Plugboard-Signature` header is missing, malformed, or signs another body or secret. */
  InvalidSignature: 'invalid_signature',
  /** The signature is valid but older (or further in the future) than the tolerance: a possible replay. */
  SignatureExpired: 'signature_expired',
} as const;

/** One of {@link WebhookErrorCode}. */
export type WebhookErrorCode = (typeof WebhookErrorCode)[keyof typeof WebhookErrorCode];

/**
 * A delivery that {@link verifyWebhook} refused. Answer it with 400 and do not act on it.
 *
 * @example
 * ```ts
 * if (isPlugboardError(error) && error.code === 'signature_expired') console.warn('replayed delivery');
 * ```
 */
export class WebhookVerificationError extends PlugboardError {
  override name = 'WebhookVerificationError' as const;
  declare readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string) {
    super(code, message);
  }
}
