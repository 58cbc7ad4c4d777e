import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { findConsoleRoot } from './console-assets.js';

let root: string;
let t: TestContext;
const INDEX =
  '<!doctype html><title>Plugboard console</title><script type="module" src="/console/assets/app-1a2b.js"></script>';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plugboard-console-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log("console")');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(tmpdir(), 'outside-console.txt'), 'secret');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(join(tmpdir(), 'outside-console.txt'), { force: true });
});
afterEach(() => t.close());

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function expectSecurityHeaders(headers: Headers) {
  for (const [name, value] of Object.entries(securityHeaders)) expect(headers.get(name), name).toBe(value);
}

describe('serving the console', () => {
  it('serves index.html at /console and /console/ with the security headers, never cached stale', async () => {
    t = await createTestContext({ consoleRoot: root });
    for (const path of ['/console', '/console/']) {
      const response = await t.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.text).toBe(INDEX);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response.headers);
    }
  });

  it('serves an asset with its type, cached for good, and a file at the root', async () => {
    t = await createTestContext({ consoleRoot: root });
    const asset = await t.request('GET', '/console/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log("console")');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(asset.headers);
    const icon = await t.request('GET', '/console/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html for client-side routes, but not for missing assets', async () => {
    t = await createTestContext({ consoleRoot: root });
    for (const path of ['/console/connectors', '/console/connectors/ctr_1/settings', '/console/settings/oauth-apps']) {
      const response = await t.request('GET', path);
      expect([response.status, response.text], path).toEqual([200, INDEX]);
      expectSecurityHeaders(response.headers);
    }
    const missing = await t.request('GET', '/console/assets/gone-9z9z.js');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
  });

  it('reaches nothing outside its folder', async () => {
    t = await createTestContext({ consoleRoot: root });
    for (const path of [
      '/console/../outside-console.txt',
      '/console/%2e%2e/outside-console.txt',
      '/console/..%2Foutside-console.txt',
    ]) {
      const response = await t.request('GET', path);
      expect(response.text, path).not.toBe('secret');
    }
  });

  it('is not served when no consoleRoot is given', async () => {
    t = await createTestContext();
    const response = await t.request('GET', '/console');
    expect([response.status, response.json.error.code]).toEqual([404, 'not_found']);
    expect((await t.request('GET', '/console/assets/app-1a2b.js')).status).toBe(404);
  });

  it('finds the built console of the installed @plugboard/console package, and serves it', async () => {
    const found = findConsoleRoot();
    expect(found).toMatch(/console[/\\]dist$/);
    t = await createTestContext({ consoleRoot: found as string });
    const response = await t.request('GET', '/console');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<script type="module"');
  });
});
