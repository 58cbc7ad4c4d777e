import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/not-found-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { BASE, SECRET_KEY } from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

// The server side of /v1/proxy/{path}: Plugboard's own refusals are JSON errors; the third party's answers,
// whatever their status, carry plugboard-proxied.
const server = setupServer(
  http.all(`${BASE}/v1/proxy/*`, async ({ request }) => {
    if (request.headers.get('authorization') !== `Bearer ${SECRET_KEY}`) {
      return HttpResponse.json({ error: { code: 'unauthenticated', message: 'No key' } }, { status: 401 });
    }
    const connectionId = request.headers.get('plugboard-connection-id');
    if (connectionId !== 'cxn_1') {
      return HttpResponse.json({ error: { code: 'not_found', message: 'Connection was not found' } }, { status: 404 });
    }
    const url = new URL(request.url);
    if (url.pathname.endsWith('/busy')) {
      return HttpResponse.json(
        { error: { code: 'rate_limited', message: 'Too fast' } },
        { status: 429, headers: { 'retry-after': '3' } },
      );
    }
    if (url.pathname.endsWith('/broken')) {
      return new HttpResponse('upstream down', { status: 503, headers: { 'plugboard-proxied': '1' } });
    }
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
    return new HttpResponse(body, {
      status: 200,
      headers: {
        'plugboard-proxied': '1',
        'content-type': 'application/octet-stream',
        'x-seen': `${request.method} ${url.pathname}${url.search} ${request.headers.get('x-trace') ?? ''}`,
      },
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const plugboard = new PlugboardAdmin({ baseUrl: `${BASE}/`, secretKey: SECRET_KEY });

describe('plugboard.proxy.fetch', () => {
  it('sends the request to /v1/proxy/{path} with the key and connection, and returns the answer unread', async () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    const response = await plugboard.proxy.fetch('cxn_1', '/files/a.bin?v=2', {
      method: 'put',
      headers: { 'x-trace': 't-1' },
      body: bytes,
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get('x-seen')).toBe('PUT /v1/proxy/files/a.bin?v=2 t-1');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('sends a streamed body', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('part one, '));
        controller.enqueue(new TextEncoder().encode('part two'));
        controller.close();
      },
    });
    const response = await plugboard.proxy.fetch('cxn_1', 'upload', { method: 'POST', body });
    expect(await response.text()).toBe('part one, part two');
    expect(response.headers.get('x-seen')).toBe('POST /v1/proxy/upload');
  });

  it("returns the API's own error answers as a Response", async () => {
    const response = await plugboard.proxy.fetch('cxn_1', '/broken');
    expect([response.status, await response.text()]).toEqual([503, 'upstream down']);
  });

  it("throws Plugboard's own refusals as typed errors", async () => {
    const missing = await plugboard.proxy.fetch('cxn_unknown', '/x').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
    const busy = await plugboard.proxy.fetch('cxn_1', '/busy').catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(RateLimitError);
    expect(busy).toMatchObject({ code: 'rate_limited', retryAfter: 3 });
  });
});
