import type { EventEnvelope } from '@plugboard/shared/types';
import { WebhookErrorCode, WebhookVerificationError } from '../errors/webhook-verification-error.js';

/** Arguments of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The request body exactly as received: the raw text or bytes, not re-serialized JSON. */
  payload: string | Uint8Array;
  /** The `Plugboard-Signature` header: `t=<unix seconds>,v1=<hex>`. */
  header: string | null | undefined;
  /** The endpoint's `whsec_…` signing secret. */
  secret: string;
  /** How old (or how far ahead) a signature may be, in seconds. @default 300 */
  toleranceSeconds?: number;
  /** The current time, replaceable in tests. @default () => new Date() */
  now?: () => Date;
}

const encoder = new TextEncoder();

function parseHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** Compares in time that does not depend on where the strings differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Checks that a delivery came from Plugboard: the HMAC-SHA256 of `<t>.<payload>` under the endpoint's secret
 * must match a `v1` signature of the header, and `t` must be within the tolerance of now, before or after it. Uses Web Crypto, so
 * it runs in Node 20+, browsers, Deno, Bun and edge runtimes.
 *
 * @returns the parsed event
 * @throws WebhookVerificationError with code `invalid_signature` (missing, malformed or wrong signature) or
 *   `signature_expired` (valid, but too old or too far ahead)
 * @example
 * ```ts
 * app.post('/plugboard/webhooks', async (c) => {
 *   const event = await verifyWebhook({
 *     payload: await c.req.text(),
 *     header: c.req.header('Plugboard-Signature'),
 *     secret: process.env.PLUGBOARD_WEBHOOK_SECRET!,
 *   });
 *   if (event.type === 'connection.created') console.log(event.data);
 *   return c.body(null, 204);
 * });
 * ```
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<EventEnvelope> {
  const { payload, header, secret, toleranceSeconds = 300, now = () => new Date() } = options;
  const parsed = header ? parseHeader(header) : undefined;
  if (!parsed) {
    throw new WebhookVerificationError(
      WebhookErrorCode.InvalidSignature,
      'The Plugboard-Signature header is missing or not of the form t=<unix>,v1=<hex>',
    );
  }
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const expected = toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${parsed.timestamp}.${body}`)));
  if (!parsed.signatures.some((signature) => constantTimeEqual(signature, expected))) {
    throw new WebhookVerificationError(
      WebhookErrorCode.InvalidSignature,
      'The signature does not match this payload and secret',
    );
  }
  // Both ways: a timestamp far ahead would otherwise let a captured delivery be replayed until that time comes.
  const age = Math.floor(now().getTime() / 1000) - parsed.timestamp;
  if (Math.abs(age) > toleranceSeconds) {
    const off = age > 0 ? `${age} s old` : `dated ${-age} s ahead of this clock`;
    throw new WebhookVerificationError(
      WebhookErrorCode.SignatureExpired,
      `The signature is ${off}, more than the ${toleranceSeconds} s allowed`,
    );
  }
  return JSON.parse(body) as EventEnvelope;
}
