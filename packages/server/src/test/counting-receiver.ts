// A vendor's webhook endpoint on loopback that counts what arrives by `Plugboard-Event-Id`, for tests of processes
// (msw cannot reach a child process). It can hold its answers, so that a test knows sends are in flight.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a {@link startCountingReceiver} saw. */
export interface CountingReceiver {
  url: string;
  /** `host:port`, for `PLUGBOARD_EGRESS_ALLOW_HOSTS`. */
  host: string;
  /** How many requests arrived per event id, answered or not. */
  arrivals: Map<string, number>;
  /** How many were answered 200 on a connection that was still open, per event id. */
  accepted: Map<string, number>;
  /** Event ids of requests whose sender went away before they were answered. */
  abandoned: string[];
  /** Bodies of the accepted requests, parsed. */
  bodies: unknown[];
  /** How many requests wait for {@link release}. */
  held(): number;
  /** Holds the answer of every request from now on. */
  hold(): void;
  /** Answers every held request whose sender is still there, and answers at once from now on. */
  release(): void;
  close(): Promise<void>;
}

const eventIdOf = (request: IncomingMessage) => String(request.headers['plugboard-event-id'] ?? '');
const bump = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);

/** Starts a {@link CountingReceiver} that answers every delivery 200 (unless it holds them). */
export async function startCountingReceiver(): Promise<CountingReceiver> {
  const arrivals = new Map<string, number>();
  const accepted = new Map<string, number>();
  const abandoned: string[] = [];
  const bodies: unknown[] = [];
  let holding = false;
  let waiting: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = eventIdOf(request);
      bump(arrivals, id);
      response.on('close', () => {
        if (!response.writableFinished) abandoned.push(id);
      });
      const answer = () => {
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok', () => {
          bump(accepted, id);
          bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
      };
      if (holding) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    host: `127.0.0.1:${port}`,
    arrivals,
    accepted,
    abandoned,
    bodies,
    held: () => waiting.length,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      const answers = waiting;
      waiting = [];
      for (const answer of answers) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
