import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { findWidgetBundle } from './widget-bundle.js';

let dir: string;
let bundle: string;
let t: TestContext | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-widget-'));
  bundle = join(dir, 'plugboard-connect.js');
  await writeFile(bundle, 'customElements.define("plugboard-connect", class extends HTMLElement {});');
  await mkdir(join(dir, 'locales'));
  await writeFile(join(dir, 'locales', 'pt-BR.js'), 'export default { connect: "Conectar" };');
  await writeFile(join(dir, 'secret.js'), 'export default "not a locale";');
});
afterAll(() => rm(dir, { recursive: true, force: true }));
// Each context is closed once: closing twice drops a Postgres test schema twice.
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('serving the widget bundle', () => {
  it('serves it to any origin as JavaScript, with an ETag to revalidate on every use', async () => {
    t = await createTestContext({ widgetBundle: bundle });
    const response = await t.request('GET', '/widget/plugboard-connect.js', {
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('plugboard-connect');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    expect(headers).toMatchObject({
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, no-cache',
      etag: expect.stringMatching(/^"[\w-]{27}"$/),
    });
  });

  it('answers 304 to the ETag it gave, and 200 with a new one once the bundle changes', async () => {
    t = await createTestContext({ widgetBundle: bundle });
    const first = await t.request('GET', '/widget/plugboard-connect.js');
    const etag = first.headers.get('etag') as string;
    const again = await t.request('GET', '/widget/plugboard-connect.js', { headers: { 'if-none-match': etag } });
    expect([again.status, again.text, again.headers.get('etag')]).toEqual([304, '', etag]);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');

    await writeFile(bundle, 'customElements.define("plugboard-connect", class extends HTMLElement { v2 = 1 });');
    const changed = await t.request('GET', '/widget/plugboard-connect.js', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('v2');
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('sends it brotli- or gzip-compressed to a browser that accepts it, each encoding with its own ETag', async () => {
    await writeFile(
      bundle,
      `customElements.define("plugboard-connect", class extends HTMLElement {}); // ${'x'.repeat(2000)}`,
    );
    t = await createTestContext({ widgetBundle: bundle });
    const plain = await t.request('GET', '/widget/plugboard-connect.js');
    const fetchAs = (acceptEncoding: string) =>
      t?.app.request('/widget/plugboard-connect.js', { headers: { 'accept-encoding': acceptEncoding } });
    const br = (await fetchAs('gzip, deflate, br, zstd')) as Response;
    expect([br.headers.get('content-encoding'), br.headers.get('vary')]).toEqual(['br', 'accept-encoding']);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(plain.text.length / 4);
    expect(brotliDecompressSync(brBytes).toString()).toBe(plain.text);
    const gz = (await fetchAs('gzip;q=1, br;q=0')) as Response;
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain.text);
    expect(new Set([plain.headers.get('etag'), br.headers.get('etag'), gz.headers.get('etag')]).size).toBe(3);
    const revalidated = (await t.app.request('/widget/plugboard-connect.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag') as string },
    })) as Response;
    expect(revalidated.status).toBe(304);
  });

  it('is a 404 when the bundle is not built, and not served when no bundle is given', async () => {
    t = await createTestContext({ widgetBundle: join(dir, 'missing.js') });
    expect((await t.request('GET', '/widget/plugboard-connect.js')).status).toBe(404);
    await t.close();
    t = await createTestContext();
    const response = await t.request('GET', '/widget/plugboard-connect.js');
    expect([response.status, response.json.error.code]).toEqual([404, 'not_found']);
  });

  it('serves the locale modules beside the bundle with the bundle’s cross-origin headers', async () => {
    t = await createTestContext({ widgetBundle: bundle });
    const response = await t.request('GET', '/widget/locales/pt-BR.js', {
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect([response.status, response.text]).toEqual([200, 'export default { connect: "Conectar" };']);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = response.headers.get('etag') as string;
    expect((await t.request('GET', '/widget/locales/pt-BR.js', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
  });

  it.each(['xx.js', '..%2Fsecret.js', '..%2F..%2Fplugboard-connect.js', 'pt-BR.json'])(
    'answers a JSON not_found for %s and reads nothing outside the locales folder',
    async (name) => {
      t = await createTestContext({ widgetBundle: bundle });
      const response = await t.request('GET', `/widget/locales/${name}`);
      expect([response.status, response.json.error.code]).toEqual([404, 'not_found']);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    },
  );

  it('finds the built bundle of the installed widget package', () => {
    expect(findWidgetBundle()).toMatch(/widget[/\\]dist[/\\]plugboard-connect\.js$/);
  });
});
