import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { contentTypeOf } from './static-files.js';

/** Where the widget bundle is served, for `<script type="module" src="…/widget/plugboard-connect.js">`. */
export const WIDGET_BUNDLE_PATH = '/widget/plugboard-connect.js';

/**
 * The built `<plugboard-connect>` bundle of the installed `@plugboard/widget` package, or undefined when it is not
 * installed or not built. Only its file is read: the server never imports the widget's code.
 */
export function findWidgetBundle(): string | undefined {
  try {
    const file = createRequire(import.meta.url).resolve('@plugboard/widget/plugboard-connect.js');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Where the widget's locale modules are served: `/widget/locales/de.js`, beside the bundle that imports them. */
export const WIDGET_LOCALES_PATH = '/widget/locales';

/** A locale module's file name, such as `de.js` or `pt-BR.js`: nothing else is looked up on disk. */
const LOCALE_FILE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.js$/;

/** One version of a served file: its bytes as they are and compressed, and its ETag. */
interface Served {
  version: string;
  identity: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Reads files once per version (size and modification time) and keeps them, compressed, in memory: the bundle is
 * on the critical path of every page that embeds the widget, so a request costs one `stat`, and a rebuild is
 * still served without a restart. Only the bundle and its locale modules are kept (a few files).
 */
function createFileCache() {
  const files = new Map<string, Promise<Served | undefined>>();
  async function load(path: string, version: string): Promise<Served | undefined> {
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
    const [br, gz] = await Promise.all([
      brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzipped(bytes, { level: 9 }),
    ]);
    // Copies into plain ArrayBuffers, as Hono's body types want them (a Buffer may sit in Node's shared pool).
    const own = (buffer: Buffer) => new Uint8Array(buffer);
    return { version, identity: own(bytes), br: own(br), gzip: own(gz), etag: hash };
  }
  return async (path: string): Promise<Served | undefined> => {
    const stats = await stat(path).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    const version = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
    const cached = await files.get(path);
    if (cached?.version === version) return cached;
    const loading = load(path, version);
    files.set(path, loading);
    return loading;
  };
}

/** The encoding to send: brotli, else gzip, when the request accepts it (a `q=0` refuses one). */
function encodingFor(c: Context): 'br' | 'gzip' | undefined {
  const accepted = (c.req.header('accept-encoding') ?? '').toLowerCase().split(',');
  const accepts = (name: string) =>
    accepted.some((entry) => {
      const [coding, ...params] = entry.split(';').map((part) => part.trim());
      return coding === name && !params.some((param) => /^q=0(\.0*)?$/.test(param));
    });
  if (accepts('br')) return 'br';
  return accepts('gzip') ? 'gzip' : undefined;
}

/**
 * Serves the widget bundle at {@link WIDGET_BUNDLE_PATH}, and the locale modules it imports on demand from its own
 * `locales/` folder at {@link WIDGET_LOCALES_PATH}, to pages of any origin: a vendor's app embeds it from this
 * server, so they carry `Access-Control-Allow-Origin: *` (a module script is fetched in CORS mode) and
 * `Cross-Origin-Resource-Policy: cross-origin` (pages with COEP). The URLs are not versioned, since the script
 * tag in a vendor's page stays the same across upgrades: each file is cached with an ETag and revalidated on
 * every use (`no-cache`), so an upgrade reaches browsers at once and an unchanged file costs a 304. Each is sent
 * brotli- or gzip-compressed to a browser that accepts it (the bundle is about a third of its size so), from
 * memory.
 */
export function serveWidgetBundle(app: Hono, file: string): void {
  const headers = {
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, no-cache',
    vary: 'accept-encoding',
  };
  const cache = createFileCache();
  const serve = async (c: Context, path: string) => {
    const served = await cache(path);
    if (!served) return c.text('The widget is not built', 404, { ...headers, 'cache-control': 'no-store' });
    const encoding = encodingFor(c);
    // Each encoding is its own representation, so its own strong ETag.
    const etag = `"${served.etag}${encoding ? `-${encoding}` : ''}"`;
    const cached = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (cached.includes(etag) || cached.includes('*')) return c.body(null, 304, { ...headers, etag });
    const body = encoding ? served[encoding] : served.identity;
    return c.body(body, 200, {
      ...headers,
      etag,
      'content-type': contentTypeOf(path),
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
  };
  app.get(WIDGET_BUNDLE_PATH, (c) => serve(c, file));
  app.get(`${WIDGET_LOCALES_PATH}/:file`, async (c) => {
    const name = c.req.param('file');
    const path = join(dirname(file), 'locales', name);
    if (!LOCALE_FILE.test(name) || !(await cache(path))) {
      const error = { code: 'not_found', message: `The widget has no locale module ${name}` };
      return c.json({ error }, 404, { ...headers, 'cache-control': 'no-store' });
    }
    return serve(c, path);
  });
}
