import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { MAX_REQUEST_ID_LENGTH } from './request-log.js';

let t: TestContext;
afterEach(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('gives each request a new id, sent back as X-Request-Id and written on its log line', async () => {
    t = await createTestContext();
    const first = await t.request('GET', '/healthz');
    const second = await t.request('GET', '/healthz');
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    const lines = t.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.path === '/healthz');
    expect(lines.map((entry) => entry.requestId)).toEqual(ids);
  });

  it('keeps a valid incoming X-Request-Id, also on errors', async () => {
    t = await createTestContext();
    const ok = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'lb-7f3a_91=' } });
    expect(ok.headers.get('x-request-id')).toBe('lb-7f3a_91=');
    const refused = await t.request('GET', '/v1/organization', { headers: { 'x-request-id': 'lb-401' } });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([401, 'lb-401']);
  });

  it('replaces an incoming id that is too long or holds other characters', async () => {
    t = await createTestContext();
    for (const sent of ['a'.repeat(MAX_REQUEST_ID_LENGTH + 1), 'id with spaces', 'id"}{"level":"fatal', 'ä']) {
      const response = await t.request('GET', '/healthz', { headers: { 'x-request-id': sent } });
      expect(response.headers.get('x-request-id')).toMatch(UUID);
    }
    const longest = 'a'.repeat(MAX_REQUEST_ID_LENGTH);
    const kept = await t.request('GET', '/healthz', { headers: { 'x-request-id': longest } });
    expect(kept.headers.get('x-request-id')).toBe(longest);
  });

  it("sends one X-Request-Id over HTTP, the caller's when valid, also when an answer sets headers of its own", async () => {
    t = await createTestContext();
    const { secretKey } = await t.createOrganization();
    const server = await startServer(t.app, { port: 0 });
    try {
      const idOf = async (path: string, headers: Record<string, string>) =>
        (await fetch(`${server.url}${path}`, { headers })).headers.get('x-request-id');
      const auth = { authorization: `Bearer ${secretKey}` };
      expect(await idOf('/healthz', { 'x-request-id': 'lb-1' })).toBe('lb-1');
      expect(await idOf('/v1/organization', { ...auth, 'x-request-id': 'lb-2' })).toBe('lb-2');
      expect(await idOf('/v1/organization', { 'x-request-id': 'lb-401' })).toBe('lb-401');
      expect(await idOf('/connect', { 'x-request-id': 'page-1' })).toBe('page-1');
      expect(await idOf('/healthz', { 'x-request-id': 'id with spaces' })).toMatch(UUID);
      const lines = t.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.method);
      expect(lines.map((entry) => entry.requestId).slice(0, 4)).toEqual(['lb-1', 'lb-2', 'lb-401', 'page-1']);
    } finally {
      await server.close();
    }
  });

  it('writes the request id on the lines services write while handling the request, and no credential', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger({ destination });
    t = await createTestContext({ logger });
    const { secretKey } = await t.createOrganization();
    const connector = await t.createConnector(secretKey);
    const session = await t.mintSession(secretKey);
    const created = await t.request('POST', '/v1/session/connections', {
      key: session,
      headers: { origin: 'https://app.vendor.example', 'x-request-id': 'connect-1' },
      body: { connector: connector.id, credentials: { apiKey: 'canary-api-key-0123' } },
    });
    expect(created.status).toBe(201);
    await logger.flush?.();
    const entries = lines.map((line) => JSON.parse(line));
    const ofRequest = entries.filter((entry) => entry.requestId === 'connect-1');
    expect(ofRequest.map((entry) => entry.event ?? `${entry.method} ${entry.path}`)).toEqual([
      'connection.created',
      'POST /v1/session/connections',
    ]);
    expect(lines.join('\n')).not.toContain('canary-api-key-0123');
    expect(lines.join('\n')).not.toContain(secretKey);
  });
});
