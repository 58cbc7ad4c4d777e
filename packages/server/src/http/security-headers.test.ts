// The headers every response carries (hono/secure-headers), beside the strict ones of the pages, and the CORS of
// the session routes (hono/cors) under the per-organization origin check.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../server.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
});
afterEach(() => t.close());

const SECURE = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

const headersOf = (response: { headers: Headers }, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));

describe('security headers', () => {
  it('are on API answers, errors and health checks alike', async () => {
    for (const response of [
      await t.request('GET', '/v1/connectors', { key }),
      await t.request('GET', '/v1/connectors', { key: 'pb_sk_wrong' }),
      await t.request('GET', '/v1/nowhere', { key }),
      await t.request('GET', '/healthz'),
    ]) {
      expect(headersOf(response, Object.keys(SECURE))).toEqual(SECURE);
      expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    }
  });

  it('leave the strict headers of the pages as they are', async () => {
    const page = await t.request('GET', '/connect');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('security headers served by Node', () => {
  // Served by @hono/node-server they are set on the Node response as defaults: one header each, the answer's own
  // winning, on JSON answers, errors, pages and files alike.
  it('are on every answer once, and give way to the headers an answer sets itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-headers-'));
    const widgetBundle = join(dir, 'plugboard-connect.js');
    await writeFile(widgetBundle, 'customElements.define("plugboard-connect", class extends HTMLElement {});');
    await t.close();
    t = await createTestContext({ widgetBundle });
    key = (await t.createOrganization()).secretKey;
    const server = await startServer(t.app, { port: 0 });
    try {
      const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
      for (const response of [
        await get('/healthz'),
        await get('/v1/organization', { authorization: `Bearer ${key}` }),
        await get('/v1/organization', { authorization: 'Bearer pb_sk_wrong' }),
        await get('/v1/nowhere'),
      ]) {
        expect(headersOf(response, Object.keys(SECURE))).toEqual(SECURE);
        expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
        expect(response.headers.get('content-type')).toBe('application/json');
      }
      const page = await get('/connect');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect([page.headers.get('cache-control'), page.headers.get('x-frame-options')]).toEqual(['no-store', 'DENY']);
      const bundle = await get('/widget/plugboard-connect.js');
      expect(headersOf(bundle, ['cross-origin-resource-policy', 'x-content-type-options'])).toEqual({
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      });
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('session CORS', () => {
  it('answers a preflight with the methods and headers the widget sends, for 10 minutes', async () => {
    const preflight = await t.request('OPTIONS', '/v1/session/connections', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(
      headersOf(preflight, [
        'access-control-allow-origin',
        'access-control-allow-methods',
        'access-control-allow-headers',
        'access-control-max-age',
      ]),
    ).toEqual({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET,POST,DELETE',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
    });
    expect(preflight.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read answers, errors included, and no other origin read anything', async () => {
    const token = await t.mintSession(key);
    const allowed = await t.request('GET', '/v1/session', { key: token, headers: { origin: ORIGIN } });
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([200, ORIGIN]);
    expect(allowed.headers.get('vary')).toContain('Origin');
    const expired = await t.request('GET', '/v1/session', { key: 'pb_cs_wrong', headers: { origin: ORIGIN } });
    expect([expired.status, expired.headers.get('access-control-allow-origin')]).toEqual([401, ORIGIN]);
    const evil = await t.request('GET', '/v1/session', { key: token, headers: { origin: 'https://evil.example' } });
    expect([evil.status, evil.json.error.code]).toEqual([403, 'origin_not_allowed']);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const admin = await t.request('GET', '/v1/connectors', { key, headers: { origin: ORIGIN } });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('session CORS served by Node', () => {
  it('echoes an allowed origin on answers and errors, and drops it for a refused origin and on admin routes', async () => {
    const token = await t.mintSession(key);
    const server = await startServer(t.app, { port: 0 });
    try {
      const get = (path: string, bearer: string, origin: string) =>
        fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${bearer}`, origin } });
      const allowed = await get('/v1/session', token, ORIGIN);
      expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([200, ORIGIN]);
      expect(allowed.headers.get('vary')).toBe('Origin');
      const expired = await get('/v1/session', 'pb_cs_wrong', ORIGIN);
      expect([expired.status, expired.headers.get('access-control-allow-origin')]).toEqual([401, ORIGIN]);
      const evil = await get('/v1/session', token, 'https://evil.example');
      expect([evil.status, ((await evil.json()) as { error: { code: string } }).error.code]).toEqual([
        403,
        'origin_not_allowed',
      ]);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const admin = await get('/v1/connectors', key, ORIGIN);
      expect([admin.status, admin.headers.get('access-control-allow-origin')]).toEqual([200, null]);
      const preflight = await fetch(`${server.url}/v1/session/connections`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, ORIGIN]);
      expect(headersOf(preflight, Object.keys(SECURE))).toEqual(SECURE);
    } finally {
      await server.close();
    }
  });
});
