import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPlugboardError } from '../errors/plugboard-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { verifyWebhook } from './verify-webhook.js';

const secret = 'whsec_test_secret';
const payload = JSON.stringify({
  id: 'evt_1',
  type: 'connection.created',
  createdAt: '2026-01-01T00:00:00.000Z',
  data: {},
});
const at = 1_767_225_600; // 2026-01-01T00:00:00Z
// Signed the way the server signs, with Node's crypto rather than the Web Crypto the helper uses.
const sign = (t: number, body = payload, key = secret) =>
  `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`;
const now = (seconds: number) => () => new Date(seconds * 1000);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  expect(isPlugboardError(error)).toBe(true);
  return (error as WebhookVerificationError).code;
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed with the secret and returns its event', async () => {
    const event = await verifyWebhook({ payload, header: sign(at), secret, now: now(at + 10) });
    expect(event).toMatchObject({ id: 'evt_1', type: 'connection.created' });
  });

  it('accepts the payload as bytes and any one of several v1 signatures', async () => {
    const header = `t=${at},v1=${'0'.repeat(64)},${sign(at).split(',')[1]}`;
    const bytes = new TextEncoder().encode(payload);
    await expect(verifyWebhook({ payload: bytes, header, secret, now: now(at) })).resolves.toMatchObject({
      id: 'evt_1',
    });
  });

  it('refuses a tampered payload, another secret, a changed timestamp or a missing header as invalid_signature', async () => {
    const options = { secret, now: now(at) };
    expect(
      await failure(verifyWebhook({ ...options, payload: payload.replace('evt_1', 'evt_2'), header: sign(at) })),
    ).toBe('invalid_signature');
    expect(await failure(verifyWebhook({ ...options, payload, header: sign(at, payload, 'whsec_other') }))).toBe(
      'invalid_signature',
    );
    expect(
      await failure(verifyWebhook({ ...options, payload, header: sign(at).replace(`t=${at}`, `t=${at + 1}`) })),
    ).toBe('invalid_signature');
    expect(await failure(verifyWebhook({ ...options, payload, header: undefined }))).toBe('invalid_signature');
    expect(await failure(verifyWebhook({ ...options, payload, header: 'v1=abc' }))).toBe('invalid_signature');
  });

  it('refuses a valid signature older than the tolerance as signature_expired', async () => {
    expect(await failure(verifyWebhook({ payload, header: sign(at), secret, now: now(at + 301) }))).toBe(
      'signature_expired',
    );
    await expect(verifyWebhook({ payload, header: sign(at), secret, now: now(at + 301) })).rejects.toThrow(
      'The signature is 301 s old, more than the 300 s allowed',
    );
    await expect(verifyWebhook({ payload, header: sign(at), secret, now: now(at + 300) })).resolves.toBeDefined();
    await expect(
      verifyWebhook({ payload, header: sign(at), secret, now: now(at + 900), toleranceSeconds: 1000 }),
    ).resolves.toBeDefined();
  });

  it('refuses a valid signature dated further ahead than the tolerance as signature_expired', async () => {
    expect(await failure(verifyWebhook({ payload, header: sign(at + 301), secret, now: now(at) }))).toBe(
      'signature_expired',
    );
    await expect(verifyWebhook({ payload, header: sign(at + 301), secret, now: now(at) })).rejects.toThrow(
      'The signature is dated 301 s ahead of this clock, more than the 300 s allowed',
    );
    expect(await failure(verifyWebhook({ payload, header: sign(4_102_444_800), secret, now: now(at) }))).toBe(
      'signature_expired',
    );
  });

  it('accepts a signature dated ahead within the tolerance, for clocks that differ a little', async () => {
    await expect(verifyWebhook({ payload, header: sign(at + 300), secret, now: now(at) })).resolves.toBeDefined();
    await expect(
      verifyWebhook({ payload, header: sign(at + 900), secret, now: now(at), toleranceSeconds: 1000 }),
    ).resolves.toBeDefined();
  });
});
