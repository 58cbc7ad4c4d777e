import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running HTTP server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4400`; `localhost` when listening on every interface. */
  url: string;
  /** Stops at once: open connections are cut, requests in flight included. */
  close(): Promise<void>;
  /**
   * Stops gracefully: stops accepting connections, closes idle keep-alive ones, lets requests in flight finish
   * (their connections close after the response) and cuts whatever is still open after `graceMs`.
   * Resolves once every connection is closed.
   */
  shutdown(graceMs: number): Promise<void>;
}

/** Tracks the responses in progress, so a graceful shutdown can close their connections once they end. */
function trackResponses(server: Server) {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) response.shouldKeepAlive = false;
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  return (graceMs: number) =>
    new Promise<void>((done) => {
      draining = true;
      // Without this a keep-alive connection would outlive its last response and hold the shutdown to the grace.
      for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        done();
      });
      server.closeIdleConnections();
    });
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
            server.closeAllConnections();
          }),
        shutdown,
      });
    }) as Server;
    const shutdown = trackResponses(server);
    server.once('error', reject);
  });
}
