import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running HTTP server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4400`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a Hono app (usually from {@link createApp}) on Node's HTTP server.
 *
 * @param options.port - 0 picks a free port
 * @example
 * ```ts
 * const server = await startServer(app, { port: 4400, hostname: '127.0.0.1' });
 * console.log(server.url);
 * ```
 */
export function startServer(app: Hono, { port, hostname = '127.0.0.1' }: { port: number; hostname?: string }) {
  return new Promise<RunningServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
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
