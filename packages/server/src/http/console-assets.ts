import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { contentTypeOf, readIfFile } from './static-files.js';

/** The console's base path. */
export const CONSOLE_PATH = '/console';

/** Headers of every console response: a strict CSP, no sniffing, no referrer, no framing. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The folder of the built console in the installed `@plugboard/console` package (a dependency of this one), or
 * undefined when it is not installed or not built: `plugboard serve` serves it at `/console` unless
 * `PLUGBOARD_CONSOLE_ROOT` names another folder.
 */
export function findConsoleRoot(): string | undefined {
  try {
    const index = createRequire(import.meta.url).resolve('@plugboard/console/index.html');
    return existsSync(index) ? dirname(index) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built console (a folder with `index.html` and its assets) at `/console` and `/console/*`. A path
 * without a file extension that names no file is a client-side route and gets `index.html`; a missing asset
 * is a 404. Nothing outside the folder can be reached.
 */
export function serveConsole(app: Hono, root: string): void {
  const folder = resolve(root);
  const send = (c: Context, body: Buffer, path: string) => {
    const hashed = path.startsWith(`${folder}${sep}assets${sep}`);
    return c.body(new Uint8Array(body), 200, {
      ...CONSOLE_HEADERS,
      'content-type': contentTypeOf(path),
      // Built assets carry a content hash in their names; the page itself must always be fetched fresh.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };
  const handler = async (c: Context) => {
    const index = resolve(folder, 'index.html');
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.slice(CONSOLE_PATH.length)).replace(/^\/+/, '');
    } catch {
      relative = '';
    }
    const path = resolve(folder, relative);
    if (relative !== '' && !relative.includes('\0') && path.startsWith(`${folder}${sep}`)) {
      const file = await readIfFile(path);
      if (file) return send(c, file, path);
      if (extname(path) !== '') {
        return c.text('Not found', 404, { ...CONSOLE_HEADERS, 'cache-control': 'no-cache' });
      }
    }
    const page = await readIfFile(index);
    if (!page) return c.text('The console is not built', 404, { ...CONSOLE_HEADERS });
    return send(c, page, index);
  };
  app.get(CONSOLE_PATH, handler);
  app.get(`${CONSOLE_PATH}/*`, handler);
}
