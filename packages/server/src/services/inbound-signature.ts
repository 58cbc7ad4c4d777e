import { createHmac } from 'node:crypto';
import type { EventSignature } from '@plugboard/shared';
import { safeEqual } from './webhook-signature.js';

/** How far a signed timestamp may be from now before the delivery counts as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (signature: EventSignature, secret: string, signedPrefix: string, body: Uint8Array) =>
  createHmac('sha256', secret).update(signedPrefix).update(body).digest(signature.encoding);

const fresh = (timestamp: string | undefined, nowMs: number) => {
  const seconds = Number(timestamp);
  return (
    timestamp !== undefined &&
    /^\d{1,12}$/.test(timestamp) &&
    Math.abs(nowMs / 1000 - seconds) <= SIGNATURE_TOLERANCE_SECONDS
  );
};

/**
 * Whether a webhook carries the signature its event declares, keyed with the inbound URL's secret: of the raw
 * body by default; over a fresh timestamp and the body for the `timestamped` (Stripe-style `t=…,v1=…`) and
 * `slack` (`v0=…` with `X-Slack-Request-Timestamp`) schemes. Compared in constant time.
 */
export function signatureMatches(
  signature: EventSignature,
  secret: string,
  body: Uint8Array,
  header: (name: string) => string | undefined,
  nowMs: number,
): boolean {
  const received = header(signature.header) ?? '';
  if (signature.scheme === 'timestamped') {
    const fields = received.split(',').map((part) => part.trim().split('='));
    const timestamp = fields.find(([key]) => key === 't')?.[1];
    if (!fresh(timestamp, nowMs)) return false;
    const expected = hmac(signature, secret, `${timestamp}.`, body);
    // A provider rolling its secret sends one v1 per secret; any one of them may match.
    return fields.some(([key, value]) => key === 'v1' && value !== undefined && safeEqual(value, expected));
  }
  if (signature.scheme === 'slack') {
    const timestamp = header('x-slack-request-timestamp');
    if (!fresh(timestamp, nowMs)) return false;
    return safeEqual(received, `v0=${hmac(signature, secret, `v0:${timestamp}:`, body)}`);
  }
  return safeEqual(received, `${signature.prefix ?? ''}${hmac(signature, secret, '', body)}`);
}
