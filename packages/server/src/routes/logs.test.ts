import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { connectEchoTenants, ECHO_API_KEY } from '../test/echo-connection.js';
import { startThirdParty } from '../test/third-party.js';

let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
beforeAll(async () => {
  api = await startThirdParty();
});
afterAll(() => api.close());
afterEach(() => t.close());

async function world() {
  t = await createTestContext({ egressAllowHosts: [new URL(api.url).host] });
  return connectEchoTenants(t, api.url, ['tenant-a', 'tenant-b']);
}

/** The call log as `GET /v1/logs` pages it, once it holds `count` entries (writes are batched). */
async function logsOnce(key: string, count: number, query = '') {
  return vi.waitFor(
    async () => {
      const listed = await t.request('GET', `/v1/logs${query}`, { key });
      expect(listed.status, listed.text).toBe(200);
      expect(listed.json.data).toHaveLength(count);
      return listed.json;
    },
    { timeout: 5000, interval: 50 },
  );
}

describe('the per-tenant call log', () => {
  it('records action runs and proxy calls with their path templates, request ids and outcomes, never query values or secrets', async () => {
    const { key, organizationId, connectorId, connections } = await world();
    api.answer((req, res) => {
      res.statusCode = req.url?.includes('broken') ? 503 : 200;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const ran = await t.request('POST', '/v1/actions/run', {
      key,
      headers: { 'x-request-id': 'req-action-1' },
      body: {
        connectionId: connections['tenant-a'],
        action: 'get-thing',
        input: { id: 'thing-42', q: 'query-secret' },
      },
    });
    expect(ran.status, ran.text).toBe(200);
    expect(ran.headers.get('x-request-id')).toBe('req-action-1');
    const proxied = await t.request('POST', '/v1/proxy', {
      key,
      body: { connectionId: connections['tenant-b'], method: 'GET', path: '/broken?token=proxy-secret' },
    });
    expect(proxied.status, proxied.text).toBe(200);

    const { data } = await logsOnce(key, 2);
    const host = new URL(api.url).host;
    expect(data[1]).toMatchObject({
      kind: 'action',
      tenantId: 'tenant-a',
      connectionId: connections['tenant-a'],
      connectorId,
      connector: 'echo',
      operation: 'get-thing',
      method: 'GET',
      host,
      path: '/v2/things/{id}',
      status: 200,
      errorCode: null,
      requestId: 'req-action-1',
    });
    expect(data[0]).toMatchObject({
      kind: 'proxy',
      tenantId: 'tenant-b',
      operation: null,
      method: 'GET',
      host,
      path: '/v2/broken',
      status: 503,
      requestId: proxied.headers.get('x-request-id'),
    });
    const stored = JSON.stringify(await t.store.listCallLogs({ organizationId, limit: 10 }));
    for (const secret of ['thing-42', 'query-secret', 'proxy-secret', ECHO_API_KEY]) {
      expect(JSON.stringify(data)).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(t.logLines.join('\n')).not.toContain(ECHO_API_KEY);
  });

  it('records streaming proxy calls with their path, status and request id, never the query', async () => {
    const { key, connections } = await world();
    api.answer((req, res) => {
      res.statusCode = req.url?.includes('/files/') ? 404 : 200;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const proxied = await t.request('GET', '/v1/proxy/files/report.pdf?signature=stream-secret', {
      key,
      headers: { 'plugboard-connection-id': connections['tenant-a'] as string, 'x-request-id': 'req-stream-1' },
    });
    expect(proxied.status).toBe(404);

    const { data } = await logsOnce(key, 1);
    expect(data[0]).toMatchObject({
      kind: 'proxy',
      tenantId: 'tenant-a',
      method: 'GET',
      host: new URL(api.url).host,
      path: '/v2/files/report.pdf',
      status: 404,
      requestId: 'req-stream-1',
    });
    expect(JSON.stringify(data)).not.toContain('stream-secret');
  });

  it('filters by tenant, connector, connection, kind, status class and time, and pages newest first', async () => {
    const { key, connections } = await world();
    const started = new Date().toISOString();
    for (const tenantId of ['tenant-a', 'tenant-b', 'tenant-a']) {
      const ran = await t.request('POST', '/v1/actions/run', {
        key,
        body: { connectionId: connections[tenantId], action: 'get-thing', input: { id: '1' } },
      });
      expect(ran.status, ran.text).toBe(200);
    }
    await t.request('POST', '/v1/proxy', {
      key,
      body: { connectionId: connections['tenant-b'], method: 'GET', path: '/things' },
    });
    // A failure before any answer: the call still gets its entry, with the code the caller got.
    const refused = await t.request('POST', '/v1/proxy', {
      key,
      body: { connectionId: connections['tenant-a'], method: 'GET', path: '//evil.example/x' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const all = await logsOnce(key, 5);
    const ids = (page: { data: { id: string }[] }) => page.data.map((entry) => entry.id);

    expect(
      (await logsOnce(key, 3, '?tenantId=tenant-a')).data.every((e: { tenantId: string }) => e.tenantId === 'tenant-a'),
    ).toBe(true);
    expect(ids(await logsOnce(key, 2, `?connectionId=${connections['tenant-b']}`))).toEqual(
      all.data.filter((e: { tenantId: string }) => e.tenantId === 'tenant-b').map((e: { id: string }) => e.id),
    );
    expect((await logsOnce(key, 5, '?connector=echo')).data).toHaveLength(5);
    expect((await logsOnce(key, 2, '?kind=proxy')).data[1].path).toBe('/v2/things');
    expect((await logsOnce(key, 4, '?status=2xx')).data).toHaveLength(4);
    const [failed] = (await logsOnce(key, 1, '?status=error')).data;
    expect(failed).toMatchObject({ kind: 'proxy', status: null, errorCode: refused.json.error.code });
    expect((await logsOnce(key, 5, `?since=${encodeURIComponent(started)}`)).data).toHaveLength(5);
    await logsOnce(key, 0, `?until=${encodeURIComponent(started)}`);

    const first = await logsOnce(key, 2, '?limit=2');
    expect(ids(first)).toEqual(ids(all).slice(0, 2));
    const second = await logsOnce(key, 2, `?limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual(ids(all).slice(2, 4));
    const last = await logsOnce(key, 1, `?limit=2&cursor=${second.nextCursor}`);
    expect(last.nextCursor).toBeNull();
  });

  it('shows an organization only its own calls and answers bad filters with 400 or 404, changing nothing', async () => {
    const { key, connections } = await world();
    await t.request('POST', '/v1/actions/run', {
      key,
      body: { connectionId: connections['tenant-a'], action: 'get-thing', input: { id: '1' } },
    });
    await logsOnce(key, 1);
    const other = (await t.createOrganization('Other vendor')).secretKey;
    expect((await t.request('GET', '/v1/logs', { key: other })).json.data).toEqual([]);
    const bad = await t.request('GET', '/v1/logs?status=teapot', { key });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await t.request('GET', '/v1/logs?since=yesterday', { key })).status).toBe(400);
    expect((await t.request('GET', '/v1/logs?connector=nope', { key })).status).toBe(404);
    expect((await t.request('GET', '/v1/logs')).status).toBe(401);
  });
});
