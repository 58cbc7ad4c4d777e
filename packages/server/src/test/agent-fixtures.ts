// Fixtures of the connector agent's tests: a loopback third-party API that serves specs and answers actions,
// a small OpenAPI document, and helpers to wait for a run and read its event stream.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from './context.js';

/** A third-party API on loopback: `routes` by path answer; everything else is 404. Records what it saw. */
export async function startLoopbackApi() {
  const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) return handler(req, res);
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    host: new URL(url).host,
    seen,
    routes,
    /** Serves a fixed body with a content type at a path. */
    serve(path: string, type: string, body: string) {
      routes.set(path, (_req, res) => {
        res.setHeader('content-type', type);
        res.end(body);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small OpenAPI 3.0 document: an API key in a header, three actions in two tags, one callback event. */
export function petSpec(servers: string[]) {
  return {
    openapi: '3.0.3',
    info: { title: 'Pet Store', version: '1.0.0' },
    servers: servers.map((url) => ({ url })),
    tags: [{ name: 'status' }, { name: 'pets' }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    security: [{ key: [] }],
    paths: {
      '/status': {
        get: {
          operationId: 'getStatus',
          summary: 'Get the status',
          tags: ['status'],
          responses: { 200: { description: 'ok' } },
        },
      },
      '/pets': {
        post: {
          operationId: 'createPet',
          summary: 'Create a pet',
          tags: ['pets'],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
              },
            },
          },
          responses: { 201: { description: 'created' } },
        },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          summary: 'Get a pet',
          tags: ['pets'],
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  };
}

type Run = { id: string; status: string; [key: string]: unknown };

/** Polls a run until its status is one of `statuses`. */
export async function waitForRun(
  t: TestContext,
  key: string,
  id: string,
  statuses: string[],
  timeoutMs = 5000,
): Promise<Run> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = (await t.request('GET', `/v1/agent/runs/${id}`, { key })).json as Run;
    if (statuses.includes(run.status)) return run;
    if (Date.now() > until)
      throw new Error(`Run ${id} is ${run.status}, not ${statuses.join(' or ')}: ${JSON.stringify(run.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the stream, checked by the assertions
  data: any;
}

/**
 * Reads server-sent events from a response body a bit at a time: `until` reads on until an event matches
 * (true) or the stream closes (false), and can be called again to read further.
 */
export function eventReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  async function until(match: (event: SseEvent) => boolean = () => false): Promise<boolean> {
    for (;;) {
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (!fields.event) continue;
        const event: SseEvent = {
          event: fields.event,
          data: JSON.parse(fields.data ?? 'null'),
          ...(fields.id ? { id: fields.id } : {}),
        };
        events.push(event);
        if (match(event)) return true;
      }
      const { done, value } = await reader.read();
      if (done) return false;
      buffer += decoder.decode(value, { stream: true });
    }
  }
  return { events, until, cancel: () => reader.cancel() };
}

/** Reads server-sent events from a response body until `stop` says so or the stream closes. */
export async function readEvents(
  response: Response,
  stop: (event: SseEvent) => boolean = () => false,
): Promise<{ events: SseEvent[]; closed: boolean }> {
  const stream = eventReader(response);
  const stopped = await stream.until(stop);
  if (stopped) await stream.cancel();
  return { events: stream.events, closed: !stopped };
}
