import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * Serves the widget bundle at {@link WIDGET_BUNDLE_PATH} to pages of any origin: a vendor's app embeds it from
 * this server, so it carries `Access-Control-Allow-Origin: *` (a module script is fetched in CORS mode) and
 * `Cross-Origin-Resource-Policy: cross-origin` (pages with COEP). The URL is not versioned, since the script
 * tag in a vendor's page stays the same across upgrades: the bundle is cached with an ETag and revalidated on
 * every use (`no-cache`), so an upgrade reaches browsers at once and an unchanged bundle costs a 304.
 */
export function serveWidgetBundle(app: Hono, file: string): void {
  const headers = {
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, no-cache',
  };
  app.get(WIDGET_BUNDLE_PATH, async (c: Context) => {
    const bundle = await readIfFile(file);
    if (!bundle) return c.text('The widget is not built', 404, { ...headers, 'cache-control': 'no-store' });
    const etag = `"${createHash('sha256').update(bundle).digest('base64url').slice(0, 27)}"`;
    const cached = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (cached.includes(etag) || cached.includes('*')) return c.body(null, 304, { ...headers, etag });
    return c.body(new Uint8Array(bundle), 200, { ...headers, etag, 'content-type': contentTypeOf(file) });
  });
}
