import { ApiError } from '../http/api-error.js';

/**
 * Headers in which providers name a webhook delivery, the first one present wins. The same id again is a retry
 * of a delivery already received (or a replay), and is dropped.
 *
 * - `webhook-id`: Standard Webhooks (and every provider built on it)
 * - `svix-id`: Svix (Clerk, Resend, ...)
 * - `X-GitHub-Delivery`: GitHub
 * - `X-Gitlab-Event-UUID`: GitLab
 * - `X-Shopify-Webhook-Id`: Shopify
 * - `I-Twilio-Idempotency-Token`: Twilio
 * - `Idempotency-Key`: the IETF draft header, used by several providers
 */
export const DELIVERY_ID_HEADERS = [
  'webhook-id',
  'svix-id',
  'x-github-delivery',
  'x-gitlab-event-uuid',
  'x-shopify-webhook-id',
  'i-twilio-idempotency-token',
  'idempotency-key',
] as const;

/** Delivery ids are UUIDs or similar; a longer value is not one. */
const MAX_DELIVERY_ID_LENGTH = 200;

/**
 * The delivery id a provider sent with a webhook, if any.
 *
 * @throws ApiError 400 `validation_failed` for an id longer than 200 characters
 */
export function deliveryIdOf(header: (name: string) => string | undefined): string | undefined {
  for (const name of DELIVERY_ID_HEADERS) {
    const value = header(name)?.trim();
    if (!value) continue;
    if (value.length > MAX_DELIVERY_ID_LENGTH) {
      throw ApiError.validation([{ path: `headers.${name}`, message: 'A delivery id is at most 200 characters' }]);
    }
    return value;
  }
  return undefined;
}
