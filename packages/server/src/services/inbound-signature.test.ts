import { createHmac } from 'node:crypto';
import { github, shopify, slack, stripe } from '@plugboard/catalog';
import type { EventSignature } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { signatureMatches } from './inbound-signature.js';

const SECRET = 'whsec_inbound_secret';
const body = new TextEncoder().encode('{"id":"evt_1","type":"ping"}');
const now = Date.parse('2026-12-01T12:00:00Z');
const unix = Math.floor(now / 1000);
const hex = (content: string) => createHmac('sha256', SECRET).update(content).digest('hex');
const text = new TextDecoder().decode(body);

/** Whether a delivery with these headers passes the provider's declared check. */
const passes = (signature: EventSignature | undefined, headers: Record<string, string>, at = now) =>
  signatureMatches(signature as EventSignature, SECRET, body, (name) => headers[name.toLowerCase()], at);

describe('inbound signatures as the catalog declares them', () => {
  it('checks GitHub’s sha256= hex HMAC of the body and Shopify’s base64 one', () => {
    expect(passes(github.webhookSignature, { 'x-hub-signature-256': `sha256=${hex(text)}` })).toBe(true);
    expect(passes(github.webhookSignature, { 'x-hub-signature-256': hex(text) })).toBe(false);
    const base64 = createHmac('sha256', SECRET).update(body).digest('base64');
    expect(passes(shopify.webhookSignature, { 'x-shopify-hmac-sha256': base64 })).toBe(true);
    expect(passes(shopify.webhookSignature, { 'x-shopify-hmac-sha256': hex(text) })).toBe(false);
  });

  it('checks Stripe’s t=,v1= signature of the timestamp and body, any of several v1, and refuses stale or tampered ones', () => {
    const header = (t: number, ...digests: string[]) => ({
      'stripe-signature': [`t=${t}`, ...digests.map((digest) => `v1=${digest}`)].join(','),
    });
    expect(passes(stripe.webhookSignature, header(unix, hex(`${unix}.${text}`)))).toBe(true);
    expect(passes(stripe.webhookSignature, header(unix, 'f'.repeat(64), hex(`${unix}.${text}`)))).toBe(true);
    // The digest of another time, the body alone, or a delivery replayed ten minutes later: refused.
    expect(passes(stripe.webhookSignature, header(unix, hex(`${unix - 1}.${text}`)))).toBe(false);
    expect(passes(stripe.webhookSignature, header(unix, hex(text)))).toBe(false);
    expect(passes(stripe.webhookSignature, header(unix, hex(`${unix}.${text}`)), now + 600_000)).toBe(false);
    expect(passes(stripe.webhookSignature, { 'stripe-signature': `v1=${hex(`${unix}.${text}`)}` })).toBe(false);
  });

  it('checks Slack’s v0= signature of v0:timestamp:body with its timestamp header, and refuses without it', () => {
    const signed = `v0=${hex(`v0:${unix}:${text}`)}`;
    const headers = { 'x-slack-signature': signed, 'x-slack-request-timestamp': String(unix) };
    expect(passes(slack.webhookSignature, headers)).toBe(true);
    expect(passes(slack.webhookSignature, { 'x-slack-signature': signed })).toBe(false);
    expect(passes(slack.webhookSignature, { ...headers, 'x-slack-request-timestamp': String(unix - 400) })).toBe(false);
  });
});
