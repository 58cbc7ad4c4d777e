import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppOptions } from '../app.js';
import { startServer } from '../server.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import { startVendorEndpoint } from '../test/vendor-endpoint.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SIGNATURE = { header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' } as const;

/** A server (delivery worker off, so deliveries stay in the log) with a vendor endpoint and Acme connections. */
async function setup(options: Partial<AppOptions> = {}) {
  const endpoint = await startVendorEndpoint();
  const t = await createTestContext({ egressAllowHosts: [endpoint.host], ...options });
  cleanups.push(endpoint.close, t.close);
  const { secretKey: key } = await t.createOrganization();
  await t.request('POST', '/v1/webhook-endpoints', { key, body: { url: endpoint.url } });
  await t.createConnector(key, {
    name: 'Acme',
    authMethods: [{ kind: 'apiKey' }],
    events: [
      { key: 'contact.created', name: 'Contact created', delivery: { kind: 'webhook' } },
      { key: 'deal.won', name: 'Deal won', delivery: { kind: 'webhook', signature: SIGNATURE } },
    ],
  });
  const connect = async () => {
    const created = await t.request('POST', '/v1/session/connections', {
      key: await t.mintSession(key),
      headers: { origin: ORIGIN },
      body: { connector: 'acme', credentials: { apiKey: 'acme-key' } },
    });
    const id = created.json.id as string;
    const inbound = await t.request('POST', `/v1/connections/${id}/inbound`, { key });
    return { id, path: new URL(inbound.json.url).pathname, secret: inbound.json.secret as string };
  };
  // Deliveries of webhook events only: connecting also emits connection.created.
  const deliveries = async () =>
    ((await t.request('GET', '/v1/deliveries', { key })).json.data as Array<{ type: string }>).filter((delivery) =>
      delivery.type.startsWith('acme.'),
    ).length;
  return { t, key, connect, deliveries };
}

const post = (t: TestContext, path: string, body: string, headers: Record<string, string> = {}) =>
  t.request('POST', path, { raw: body, headers: { 'content-type': 'application/json', ...headers } });

describe('inbound URLs are created explicitly', () => {
  it('answers 404 to a GET before the URL exists and creates nothing; POST creates it once', async () => {
    const { t, key } = await setup();
    const created = await t.request('POST', '/v1/session/connections', {
      key: await t.mintSession(key),
      headers: { origin: ORIGIN },
      body: { connector: 'acme', credentials: { apiKey: 'acme-key' } },
    });
    const path = `/v1/connections/${created.json.id}/inbound`;
    const before = await t.request('GET', path, { key });
    expect([before.status, before.json.error.code]).toEqual([404, 'not_found']);
    expect(before.json.error.message).toContain('POST');
    expect(await t.store.getInbound(created.json.id)).toBeUndefined();
    const made = await t.request('POST', path, { key });
    expect(made.status).toBe(200);
    expect(made.json.url).toMatch(/\/v1\/inbound\/pbin_/);
    expect((await t.request('POST', path, { key })).json).toEqual(made.json);
    expect((await t.request('GET', path, { key })).json).toEqual(made.json);
  });
});

describe('inbound URL budget', () => {
  it('answers 429 with Retry-After past the burst and makes no event for the refused posts', async () => {
    const { t, connect, deliveries } = await setup({ rateLimits: { inboundPerUrl: { burst: 5, perSecond: 0.01 } } });
    const flooded = await connect();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push(await post(t, `${flooded.path}?event=contact.created`, `{"n":${i}}`));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(statuses[5]?.json.error.code).toBe('rate_limited');
    expect(Number(statuses[5]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await deliveries()).toBe(5);
    // Each URL has its own budget.
    const other = await connect();
    expect((await post(t, `${other.path}?event=contact.created`, '{}')).status).toBe(200);
  });
});

describe('duplicate inbound deliveries', () => {
  it('drops a delivery id already received: 200 with duplicate true, and no second event', async () => {
    const { t, connect, deliveries } = await setup();
    const { path } = await connect();
    const url = `${path}?event=contact.created`;
    const first = await post(t, url, '{"n":1}', { 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    const again = await post(t, url, '{"n":1}', { 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    expect([first.status, first.json]).toEqual([200, { received: true, duplicate: false }]);
    expect([again.status, again.json]).toEqual([200, { received: true, duplicate: true }]);
    expect((await post(t, url, '{}', { 'webhook-id': 'msg_2' })).json.duplicate).toBe(false);
    expect((await post(t, url, '{}', { 'webhook-id': 'msg_2' })).json.duplicate).toBe(true);
    // Without a delivery id every post is an event.
    await post(t, url, '{}');
    await post(t, url, '{}');
    expect(await deliveries()).toBe(4);
  });

  it('keys delivery ids per connection, and does not count a rejected post as received', async () => {
    const { t, connect, deliveries } = await setup();
    const a = await connect();
    const b = await connect();
    const id = { 'webhook-id': 'msg_same' };
    expect((await post(t, `${a.path}?event=contact.created`, '{}', id)).json.duplicate).toBe(false);
    expect((await post(t, `${b.path}?event=contact.created`, '{}', id)).json.duplicate).toBe(false);
    const body = '{"deal":7}';
    const forged = await post(t, `${a.path}?event=deal.won`, body, {
      ...id,
      'webhook-id': 'msg_signed',
      'x-acme-signature': 'sha256=00',
    });
    expect(forged.status).toBe(401);
    const signature = `sha256=${createHmac('sha256', a.secret).update(body).digest('hex')}`;
    const retried = await post(t, `${a.path}?event=deal.won`, body, {
      'webhook-id': 'msg_signed',
      'x-acme-signature': signature,
    });
    expect([retried.status, retried.json.duplicate]).toEqual([200, false]);
    expect(await deliveries()).toBe(3);
  });

  it('refuses a delivery id longer than 200 characters with 400 validation_failed', async () => {
    const { t, connect } = await setup();
    const { path } = await connect();
    const response = await post(t, `${path}?event=contact.created`, '{}', { 'idempotency-key': 'x'.repeat(201) });
    expect([response.status, response.json.error.code]).toEqual([400, 'validation_failed']);
  });
});

describe('inbound body cap', () => {
  /** Posts over a real socket, streamed in chunks without Content-Length, as a client that lies about size would. */
  function postChunked(url: string, bytes: number) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      // The server may stop reading once the cap is passed and answer before the whole body was sent.
      request.on('error', reject);
      const chunk = `"${'a'.repeat(64 * 1024 - 2)}",`;
      request.write(`{"padding":[`);
      for (let sent = 0; sent < bytes; sent += chunk.length) request.write(chunk);
      request.end('""]}');
    });
  }

  it('accepts a webhook larger than an API body and refuses one past the cap with 413, streamed or declared', async () => {
    const { t, connect, deliveries } = await setup({ inboundMaxBytes: 512 * 1024 });
    const { path } = await connect();
    const server = await startServer(t.app, { port: 0 });
    cleanups.push(server.close);
    const url = `${server.url}${path}?event=contact.created`;
    const large = await postChunked(url, 200 * 1024);
    expect(large.status).toBe(200);
    const tooLarge = await postChunked(url, 2 * 1024 * 1024);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('payload_too_large');
    const declared = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'a'.repeat(600 * 1024) }),
    });
    expect(declared.status).toBe(413);
    expect(await deliveries()).toBe(1);
  });
});
