// A third-party API on loopback for tests of processes (msw cannot reach a child process): it answers every
// request with the JSON `body()` gives at that moment, and counts the calls.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running {@link startJsonApi}. */
export interface JsonApi {
  url: string;
  /** `host:port`, for `PLUGBOARD_EGRESS_ALLOW_HOSTS`. */
  host: string;
  /** Requests answered so far. */
  calls(): number;
  close(): Promise<void>;
}

/** Starts a {@link JsonApi} answering 200 with `body()`. */
export async function startJsonApi(body: () => unknown): Promise<JsonApi> {
  let calls = 0;
  const server = createServer((_request, response) => {
    calls++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
