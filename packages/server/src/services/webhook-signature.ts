import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a delivery's signature travels in. */
export const SIGNATURE_HEADER = 'Plugboard-Signature';

/**
 * The `Plugboard-Signature` value of a body sent at `timestamp` (unix seconds): `t=<unix>,v1=<hex>`, the hex
 * HMAC-SHA256 of `<t>.<body>` keyed with the endpoint's whole `whsec_…` secret. Signing the time with the
 * body lets receivers refuse old deliveries replayed later.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
