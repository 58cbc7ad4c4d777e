import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { contentTypeOf, readIfFile } from './static-files.js';

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

/**
 * Serves the widget bundle at {@link WIDGET_BUNDLE_PATH}, and the locale modules it imports on demand from its own
 * `locales/` folder at {@link WIDGET_LOCALES_PATH}, to pages of any origin: a vendor's app embeds it from this
 * server, so they carry `Access-Control-Allow-Origin: *` (a module script is fetched in CORS mode) and
 * `Cross-Origin-Resource-Policy: cross-origin` (pages with COEP). The URLs are not versioned, since the script
 * tag in a vendor's page stays the same across upgrades: each file is cached with an ETag and revalidated on
 * every use (`no-cache`), so an upgrade reaches browsers at once and an unchanged file costs a 304.
 */
export function serveWidgetBundle(app: Hono, file: string): void {
  const headers = {
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, no-cache',
  };
  const serve = async (c: Context, path: string) => {
    const bundle = await readIfFile(path);
    if (!bundle) return c.text('The widget is not built', 404, { ...headers, 'cache-control': 'no-store' });
    const etag = `"${createHash('sha256').update(bundle).digest('base64url').slice(0, 27)}"`;
    const cached = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (cached.includes(etag) || cached.includes('*')) return c.body(null, 304, { ...headers, etag });
    return c.body(new Uint8Array(bundle), 200, { ...headers, etag, 'content-type': contentTypeOf(path) });
  };
  app.get(WIDGET_BUNDLE_PATH, (c) => serve(c, file));
  app.get(`${WIDGET_LOCALES_PATH}/:file`, async (c) => {
    const name = c.req.param('file');
    const locale = LOCALE_FILE.test(name) ? await readIfFile(join(dirname(file), 'locales', name)) : undefined;
    if (!locale) {
      const error = { code: 'not_found', message: `The widget has no locale module ${name}` };
      return c.json({ error }, 404, { ...headers, 'cache-control': 'no-store' });
    }
    return serve(c, join(dirname(file), 'locales', name));
  });
}
