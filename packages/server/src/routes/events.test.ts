import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@plugboard/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openStore } from '../storage/open-store.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from '../test/sandbox.js';
import { startVendorEndpoint, waitFor } from '../test/vendor-endpoint.js';

const fastRetries = { baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 2000 };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A vendor endpoint answering `statuses` in turn, and a server with the worker on that may reach it. */
async function setup(statuses: number[] = [], options: { worker?: boolean; maxAttempts?: number } = {}) {
  const endpoint = await startVendorEndpoint(statuses);
  const stop = new AbortController();
  const t = await createTestContext({
    egressAllowHosts: [endpoint.host],
    ...(options.worker === false ? {} : { deliveryIntervalMs: 15 }),
    deliveryPolicy: { ...fastRetries, ...(options.maxAttempts && { maxAttempts: options.maxAttempts }) },
    signal: stop.signal,
  });
  cleanups.push(endpoint.close, t.close, async () => stop.abort());
  const { secretKey: key } = await t.createOrganization();
  return { t, key, endpoint };
}

async function addEndpoint(t: TestContext, key: string, url: string, events?: string[]) {
  const response = await t.request('POST', '/v1/webhook-endpoints', { key, body: { url, ...(events && { events }) } });
  expect(response.status).toBe(201);
  return response.json as { id: string; signingSecret: string };
}

async function connect(t: TestContext, key: string) {
  await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'apiKey' }] });
  const response = await t.request('POST', '/v1/session/connections', {
    key: await t.mintSession(key),
    headers: { origin: ORIGIN },
    body: { connector: 'stripe', credentials: { apiKey: 'sk_live_canary_9f2e' } },
  });
  expect(response.status).toBe(201);
  return response.json.id as string;
}

const verify = (secret: string, header: string, body: string) => {
  const [t, v1] = header.split(',').map((part) => part.split('=')[1]);
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1;
};

describe('webhook endpoints', () => {
  it('refuses an endpoint URL the egress policy blocks unless its host is allowlisted', async () => {
    const endpoint = await startVendorEndpoint();
    const t = await createTestContext();
    cleanups.push(endpoint.close, t.close);
    const { secretKey: key } = await t.createOrganization();
    const refused = await t.request('POST', '/v1/webhook-endpoints', { key, body: { url: endpoint.url } });
    expect([refused.status, refused.json.error.code]).toEqual([400, 'egress_blocked']);
    const metadata = await t.request('POST', '/v1/webhook-endpoints', {
      key,
      body: { url: 'http://169.254.169.254/latest' },
    });
    expect(metadata.status).toBe(400);
    expect((await t.request('GET', '/v1/webhook-endpoints', { key })).json.data).toEqual([]);

    const allowed = await setup();
    const created = await addEndpoint(allowed.t, allowed.key, allowed.endpoint.url);
    expect(created.signingSecret).toMatch(/^whsec_/);
    const listed = await allowed.t.request('GET', '/v1/webhook-endpoints', { key: allowed.key });
    expect(listed.json.data).toEqual([expect.objectContaining({ id: created.id, url: allowed.endpoint.url })]);
    expect(listed.text).not.toContain(created.signingSecret);
    expect(await allowed.t.databaseBytes()).not.toContain(Buffer.from(created.signingSecret));
  });

  it('retries a delivery after the endpoint fails twice, then delivers it exactly once', async () => {
    const { t, key, endpoint } = await setup([500, 503]);
    const { signingSecret } = await addEndpoint(t, key, endpoint.url);
    await connect(t, key);
    await waitFor(
      async () => (await t.request('GET', '/v1/deliveries?status=delivered', { key })).json.data.length === 1,
    );
    // Rounds that began after the delivery was marked delivered have ended: a resend would have reached it.
    await t.workerRounds('delivery');
    expect(endpoint.received).toHaveLength(3);
    const ids = new Set(endpoint.received.map((request) => request.headers['plugboard-event-id']));
    expect(ids.size).toBe(1);
    for (const request of endpoint.received) {
      expect(verify(signingSecret, String(request.headers['plugboard-signature']), request.body)).toBe(true);
    }
    const [first] = endpoint.received;
    const header = String(first?.headers['plugboard-signature']);
    const payload = first?.body ?? '';
    await expect(verifyWebhook({ payload, header, secret: signingSecret })).resolves.toMatchObject({
      type: 'connection.created',
    });
    const tampered = verifyWebhook({
      payload: payload.replace('connection', 'Connection'),
      header,
      secret: signingSecret,
    });
    await expect(tampered).rejects.toMatchObject({ code: 'invalid_signature' });
    const later = () => new Date(Date.now() + 10 * 60_000);
    const old = verifyWebhook({ payload, header, secret: signingSecret, now: later });
    await expect(old).rejects.toMatchObject({ code: 'signature_expired' });
    const ahead = verifyWebhook({ payload, header, secret: signingSecret, now: () => new Date(Date.now() - 600_000) });
    await expect(ahead).rejects.toMatchObject({ code: 'signature_expired' });
    const log = await t.request('GET', '/v1/deliveries', { key });
    expect(log.json.data).toEqual([
      expect.objectContaining({ type: 'connection.created', status: 'delivered', attempts: 3, lastStatus: 200 }),
    ]);
  });

  it('marks a delivery failed after the last attempt, and Resend sends it again as a new delivery', async () => {
    const { t, key, endpoint } = await setup([500, 500], { maxAttempts: 2 });
    await addEndpoint(t, key, endpoint.url);
    await connect(t, key);
    await waitFor(async () => (await t.request('GET', '/v1/deliveries?status=failed', { key })).json.data.length === 1);
    const [failed] = (await t.request('GET', '/v1/deliveries?status=failed', { key })).json.data;
    expect(failed).toMatchObject({ attempts: 2, lastStatus: 500, nextAttemptAt: null });
    const resent = await t.request('POST', `/v1/deliveries/${failed.id}/resend`, { key });
    expect(resent.status).toBe(201);
    expect(resent.json).toMatchObject({ eventId: failed.eventId, status: 'pending', attempts: 0 });
    await waitFor(async () => (await t.store.getDelivery(resent.json.id))?.status === 'delivered');
    expect((await t.store.getDelivery(failed.id))?.status).toBe('failed');
  });

  it('cuts off an endpoint that does not answer within the timeout and retries later', async () => {
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const stop = new AbortController();
    const t = await createTestContext({
      egressAllowHosts: [host],
      deliveryIntervalMs: 15,
      deliveryPolicy: { ...fastRetries, timeoutMs: 200, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      signal: stop.signal,
    });
    cleanups.push(
      () => new Promise<void>((resolve) => hanging.close(() => resolve())),
      async () => void hanging.closeAllConnections(),
      t.close,
      async () => stop.abort(),
    );
    const { secretKey: key } = await t.createOrganization();
    await addEndpoint(t, key, `http://${host}/hooks`);
    const beforeAttempt = Date.now();
    await connect(t, key);
    await waitFor(async () => (await t.request('GET', '/v1/deliveries', { key })).json.data[0]?.attempts === 1);
    const [delivery] = (await t.request('GET', '/v1/deliveries', { key })).json.data;
    expect(delivery).toMatchObject({ status: 'pending', lastStatus: null, lastError: 'No answer within 200 ms' });
    // At least half the 60 s backoff (the jitter's floor) after the attempt, however slowly the test ran.
    expect(Date.parse(delivery.nextAttemptAt)).toBeGreaterThanOrEqual(beforeAttempt + 30_000);
  });

  it('keeps pending deliveries across closing and reopening the store and app, and sends them then', async () => {
    const { t, key, endpoint } = await setup([], { worker: false });
    await addEndpoint(t, key, endpoint.url);
    await connect(t, key);
    // No worker runs in this app, so the delivery waits in the database, never attempted.
    const pending = await t.request('GET', '/v1/deliveries', { key });
    expect(pending.json.data).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    expect(endpoint.received).toEqual([]);
    await t.store.close();

    const store = await openStore(t.databaseUrl);
    const stop = new AbortController();
    cleanups.push(async () => {
      stop.abort();
      await store.close();
    });
    createApp({
      store,
      keyring: t.keyring,
      egressAllowHosts: [endpoint.host],
      deliveryIntervalMs: 15,
      signal: stop.signal,
    });
    await waitFor(() => endpoint.received.length === 1);
    expect(JSON.parse(endpoint.received[0]?.body ?? '{}')).toMatchObject({ type: 'connection.created' });
  });

  it('delivers only the event types an endpoint asked for, with no secret in the payload', async () => {
    const { t, key, endpoint } = await setup();
    await addEndpoint(t, key, endpoint.url, ['connection.deleted']);
    const connectionId = await connect(t, key);
    expect((await t.request('DELETE', `/v1/connections/${connectionId}`, { key })).status).toBe(204);
    await waitFor(() => endpoint.received.length === 1);
    const body = JSON.parse(endpoint.received[0]?.body ?? '{}');
    expect(body).toMatchObject({ type: 'connection.deleted', data: { connection: { id: connectionId } } });
    expect(endpoint.received[0]?.body).not.toContain('sk_live_canary_9f2e');
  });
});

describe('isolation', () => {
  it('answers 404 to another organization for endpoints, deliveries and inbound URLs', async () => {
    const { t, key, endpoint } = await setup([], { worker: false });
    const { id: endpointId } = await addEndpoint(t, key, endpoint.url);
    const connectionId = await connect(t, key);
    const [delivery] = (await t.request('GET', '/v1/deliveries', { key })).json.data;
    const other = (await t.createOrganization('Other')).secretKey;
    expect((await t.request('GET', '/v1/deliveries', { key: other })).json.data).toEqual([]);
    expect((await t.request('GET', '/v1/webhook-endpoints', { key: other })).json.data).toEqual([]);
    expect((await t.request('POST', `/v1/deliveries/${delivery.id}/resend`, { key: other })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/webhook-endpoints/${endpointId}`, { key: other })).status).toBe(404);
    expect((await t.request('POST', `/v1/connections/${connectionId}/inbound`, { key: other })).status).toBe(404);
    expect((await t.request('GET', '/v1/webhook-endpoints', { key })).json.data).toHaveLength(1);
  });
});

describe('lifecycle events', () => {
  it('emits connection.created, connection.refreshed and connection.needs_reauth for an OAuth connection', async () => {
    const server = await startSandboxServer();
    const sandbox = server.reset();
    const endpoint = await startVendorEndpoint();
    const stop = new AbortController();
    const options = sandboxAppOptions(server.url);
    const t = await createTestContext({
      ...options,
      egressAllowHosts: [...options.egressAllowHosts, endpoint.host],
      deliveryIntervalMs: 15,
      deliveryPolicy: fastRetries,
      refreshPolicy: { backoffMs: 5 },
      signal: stop.signal,
    });
    cleanups.push(
      async () => server.close(),
      endpoint.close,
      t.close,
      async () => stop.abort(),
    );
    const { secretKey: key } = await t.createOrganization();
    await t.createConnector(key, sandboxConnector(server.url));
    await addEndpoint(t, key, endpoint.url);
    const connectionId = await connectWithSandbox(t, await t.mintSession(key), server.url);
    const credentials = () => t.request('GET', `/v1/connections/${connectionId}/credentials`, { key });
    t.clock.offsetMs = 10 * 60_000;
    expect((await credentials()).status).toBe(200);
    sandbox.tokens.revokeUser('demo');
    t.clock.offsetMs = 48 * 60 * 60_000;
    expect((await credentials()).status).toBe(409);
    await waitFor(() => endpoint.received.length === 3);
    const bodies = endpoint.received.map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.type).sort()).toEqual([
      'connection.created',
      'connection.needs_reauth',
      'connection.refreshed',
    ]);
    for (const body of bodies) expect(body.data.connection.id).toBe(connectionId);
    expect(endpoint.received.map((request) => request.body).join()).not.toMatch(/accessToken|refreshToken|sbx_/);
  });
});

describe('inbound webhooks', () => {
  async function inboundSetup() {
    const context = await setup();
    const { t, key } = context;
    await t.createConnector(key, {
      name: 'Acme CRM',
      authMethods: [{ kind: 'apiKey' }],
      events: [
        {
          key: 'contact.created',
          name: 'Contact created',
          delivery: {
            kind: 'webhook',
            signature: { header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
          },
        },
      ],
    });
    const created = await t.request('POST', '/v1/session/connections', {
      key: await t.mintSession(key),
      headers: { origin: ORIGIN },
      body: { connector: 'acme-crm', credentials: { apiKey: 'acme-key' } },
    });
    const connectionId = created.json.id as string;
    const inbound = await t.request('POST', `/v1/connections/${connectionId}/inbound`, { key });
    expect(inbound.status).toBe(200);
    const path = new URL(inbound.json.url).pathname;
    expect(path).toMatch(/^\/v1\/inbound\/pbin_/);
    const again = await t.request('GET', `/v1/connections/${connectionId}/inbound`, { key });
    expect(again.json).toEqual(inbound.json);
    return { ...context, connectionId, path, secret: inbound.json.secret as string };
  }

  const post = (t: TestContext, path: string, body: string, signature: string) =>
    t.request('POST', path, {
      raw: body,
      headers: { 'content-type': 'application/json', 'x-acme-signature': signature },
    });

  it('rejects a webhook with a bad signature and stores nothing', async () => {
    const { t, key, endpoint, path } = await inboundSetup();
    await addEndpoint(t, key, endpoint.url);
    const body = JSON.stringify({ email: 'grace@example.com' });
    const forged = `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}`;
    const response = await post(t, path, body, forged);
    expect([response.status, response.json.error.code]).toEqual([401, 'invalid_signature']);
    expect((await post(t, path, body, '')).status).toBe(401);
    expect((await t.request('GET', '/v1/deliveries', { key })).json.data).toEqual([]);
    expect(await t.databaseBytes()).not.toContain(Buffer.from('grace@example.com'));
    const token = path.split('/').at(-1) ?? '';
    expect(t.logLines.join('\n')).not.toContain(token);
  });

  it('turns a correctly signed webhook into an event delivered to the vendor', async () => {
    const { t, key, endpoint, path, secret, connectionId } = await inboundSetup();
    await addEndpoint(t, key, endpoint.url, ['acme-crm.contact.created']);
    const body = JSON.stringify({ email: 'grace@example.com' });
    const response = await post(t, path, body, `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(response.status).toBe(200);
    await waitFor(() => endpoint.received.length === 1);
    expect(JSON.parse(endpoint.received[0]?.body ?? '{}')).toMatchObject({
      type: 'acme-crm.contact.created',
      data: { connection: { id: connectionId }, payload: { email: 'grace@example.com' } },
    });
  });

  it('records the inbound webhook and its delivery in the call log, without the token or the endpoint path', async () => {
    const { t, key, endpoint, path, secret, connectionId } = await inboundSetup();
    await addEndpoint(t, key, endpoint.url, ['acme-crm.contact.created']);
    const body = JSON.stringify({ email: 'grace@example.com' });
    expect((await post(t, path, body, 'sha256=forged')).status).toBe(401);
    const signed = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const response = await t.request('POST', path, {
      raw: body,
      headers: { 'content-type': 'application/json', 'x-acme-signature': signed, 'x-request-id': 'inbound-req-1' },
    });
    expect(response.status).toBe(200);
    let logged: Array<Record<string, unknown>> = [];
    await waitFor(async () => {
      logged = (await t.request('GET', '/v1/logs', { key })).json.data;
      return logged.length === 3;
    });
    const [delivery, received, refused] = logged;
    expect(refused).toMatchObject({ kind: 'webhook', errorCode: 'invalid_signature', connectionId, status: null });
    expect(received).toMatchObject({
      kind: 'webhook',
      connectionId,
      tenantId: 'tenant-a',
      connector: 'acme-crm',
      method: 'POST',
      path: '/v1/inbound/{token}',
      status: 200,
      errorCode: null,
      requestId: 'inbound-req-1',
    });
    expect(delivery).toMatchObject({
      kind: 'delivery',
      operation: 'acme-crm.contact.created',
      method: 'POST',
      host: endpoint.host,
      path: null,
      status: 200,
    });
    const token = path.split('/').at(-1) ?? '';
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(JSON.stringify(logged)).not.toContain('/hooks');
  });

  it('answers 404 for an unknown inbound token', async () => {
    const { t } = await setup();
    expect((await post(t, '/v1/inbound/pbin_unknown', '{}', '')).status).toBe(404);
  });
});
