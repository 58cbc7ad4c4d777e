import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running HTTP server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4400`; `localhost` when listening on every interface. */
  url: string;
  close(): Promise<void>;
}

/** The URL a server listening at this address is reached at. */
function urlOf(info: AddressInfo): string {
  // A wildcard address is where the server listens, not where anyone can reach it.
  const wildcard = info.address === '0.0.0.0' || info.address === '::';
  const host = wildcard ? 'localhost' : info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return `http://${host}:${info.port}`;
}

/**
 * Serves a Hono app (usually from {@link createApp}) on Node's HTTP server. Pass a function instead of an
 * app to build the app once the server's own URL is known (with port 0 it is known only after listening),
 * for instance to make that URL the `publicUrl`; no request is served before the app exists.
 *
 * @param app - the app, or a function from the server's URL to the app
 * @param options.port - 0 picks a free port
 * @example
 * ```ts
 * const server = await startServer((url) => createApp({ store, keyring, publicUrl: url }), { port: 4400 });
 * console.log(server.url);
 * ```
 */
export function startServer(
  app: Hono | ((url: string) => Hono),
  { port, hostname = '127.0.0.1' }: { port: number; hostname?: string },
) {
  return new Promise<RunningServer>((resolve, reject) => {
    let built: Hono | undefined = typeof app === 'function' ? undefined : app;
    const fetch = (request: Request, env: unknown) => (built as Hono).fetch(request, env);
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => {
      const url = urlOf(info);
      try {
        built ??= (app as (url: string) => Hono)(url);
      } catch (error) {
        server.close();
        reject(error);
        return;
      }
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
