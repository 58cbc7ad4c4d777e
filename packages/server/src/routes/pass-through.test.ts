import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import type { AuthMethodInput } from '@plugboard/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppOptions } from '../app.js';
import { type RunningServer, startServer } from '../server.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { createLatch } from '../test/latch.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from '../test/sandbox.js';
import { startThirdParty } from '../test/third-party.js';

let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
let plugboard: RunningServer | undefined;
beforeAll(async () => {
  [sandbox, api] = await Promise.all([startSandboxServer(), startThirdParty()]);
});
afterAll(() => Promise.all([sandbox.close(), api.close()]));
afterEach(async () => {
  await plugboard?.close();
  plugboard = undefined;
  await t.close();
});
beforeEach(() => {
  api.seen.length = 0;
  api.answer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});

/** Plugboard on a real loopback server, with a connection of `method` to the loopback third party. */
async function connectEcho(
  method: AuthMethodInput = { kind: 'apiKey', name: 'X-Echo-Key' },
  credentials: Record<string, string> = { apiKey: 'key_live_0123456789' },
  appOptions: Partial<AppOptions> = {},
  apiBaseUrl = `${api.url}/v2`,
) {
  t = await createTestContext({ egressAllowHosts: [new URL(api.url).host], ...appOptions });
  const { secretKey: key, organization } = await t.createOrganization();
  await t.createConnector(key, { name: 'Echo', slug: 'echo', apiBaseUrl, authMethods: [method] });
  const token = await t.mintSession(key);
  const created = await t.request('POST', '/v1/session/connections', {
    key: token,
    body: { connector: 'echo', credentials },
  });
  expect(created.status, created.text).toBe(201);
  plugboard = await startServer(t.app, { port: 0 });
  return { key, connectionId: created.json.id as string, organizationId: organization.id };
}

/** A request to the streaming proxy with the secret key and the connection header. */
function proxy(
  target: { key: string; connectionId: string },
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
) {
  return fetch(`${plugboard?.url}/v1/proxy${path}`, {
    ...init,
    headers: { authorization: `Bearer ${target.key}`, 'plugboard-connection-id': target.connectionId, ...init.headers },
  });
}

/** A GET with node:http, which sends any header it is given. */
function rawGet(url: string, { headers }: { headers: Record<string, string> }) {
  return new Promise<{ headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads a response body until `text` has arrived, and returns what was read. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string) {
  let seen = '';
  while (!seen.includes(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The stream ended before "${text}": ${seen}`);
    seen += Buffer.from(value).toString('utf8');
  }
  return seen;
}

describe('the streaming proxy', () => {
  it('hands a binary download back byte for byte with its status and type', async () => {
    const target = await connectEcho();
    const file = randomBytes(3 * 1024 * 1024 + 17);
    api.answer((_, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file));
    const response = await proxy(target, '/files/report.bin');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('plugboard-proxied')).toBe('1');
    expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
    expect(api.seen[0]).toMatchObject({ method: 'GET', url: '/v2/files/report.bin' });
  });

  it('streams a large answer: its first bytes arrive before the API has finished sending it', async () => {
    const target = await connectEcho();
    const rest = createLatch();
    api.answer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`first ${'x'.repeat(256 * 1024)}|`);
      void rest.opened.then(() => res.end('last'));
    });
    const response = await proxy(target, '/export');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, '|')).toMatch(/^first x+\|$/);
    rest.open();
    expect(await readUntil(reader, 'last')).toBe('last');
  });

  it('closes the connection to the API when the caller stops reading', async () => {
    const target = await connectEcho();
    const upstreamClosed = createLatch();
    api.answer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      res.once('close', upstreamClosed.open);
    });
    const response = await proxy(target, '/events');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, '\n\n');
    await reader.cancel();
    await upstreamClosed.opened;
  });

  it('passes server-sent events through as they come', async () => {
    const target = await connectEcho();
    const second = createLatch();
    api.answer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('id: 1\ndata: {"n":1}\n\n');
      void second.opened.then(() => res.end('id: 2\ndata: {"n":2}\n\n'));
    });
    const response = await proxy(target, '/events', { headers: { accept: 'text/event-stream' } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, '\n\n')).toBe('id: 1\ndata: {"n":1}\n\n');
    second.open();
    expect(await readUntil(reader, '\n\n')).toBe('id: 2\ndata: {"n":2}\n\n');
    expect(api.seen[0]?.headers.accept).toBe('text/event-stream');
  });

  it('forwards the method, the query as sent and the body, and hands back the API status', async () => {
    const target = await connectEcho();
    api.answer((_, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t_7"}'));
    const response = await proxy(target, '/things/a%2Fb?tag=1&tag=2&q=x%20y', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"seven"}',
    });
    expect([response.status, await response.text()]).toEqual([201, '{"id":"t_7"}']);
    expect(api.seen[0]).toMatchObject({
      method: 'PUT',
      url: '/v2/things/a%2Fb?tag=1&tag=2&q=x%20y',
      body: '{"name":"seven"}',
    });
    for (const method of ['DELETE', 'PATCH', 'POST', 'HEAD']) {
      const answer = await proxy(target, '/things/7', { method });
      expect(answer.status).toBe(201);
    }
    expect(api.seen.map((seen) => seen.method)).toEqual(['PUT', 'DELETE', 'PATCH', 'POST', 'HEAD']);
  });

  it('strips hop-by-hop headers, credentials and its own headers both ways, and injects the connection key', async () => {
    const target = await connectEcho();
    api.answer((_, res) => {
      res.setHeader('set-cookie', ['session=abc; HttpOnly']);
      res.setHeader('connection', 'x-hop-back');
      res.setHeader('x-hop-back', 'secret');
      res.setHeader('keep-alive', 'timeout=5');
      res.setHeader('x-kept', 'yes');
      res.end('ok');
    });
    // fetch refuses to send a Connection header: node:http sends what it is given.
    const response = await rawGet(`${plugboard?.url}/v1/proxy/things`, {
      headers: {
        authorization: `Bearer ${target.key}`,
        'plugboard-connection-id': target.connectionId,
        cookie: 'plugboard_console=abc',
        'x-echo-key': 'caller-supplied',
        'x-hop': 'dropped',
        connection: 'x-hop',
        'x-forwarded-for': '10.1.2.3',
        'x-plugboard-csrf': 'token',
        'x-request-id': 'req-1',
      },
    });
    expect(response.body).toBe('ok');
    const sent = api.seen[0]?.headers ?? {};
    expect(sent['x-request-id']).toBe('req-1');
    expect(sent['x-echo-key']).toBe('key_live_0123456789');
    for (const name of ['authorization', 'cookie', 'x-hop', 'x-forwarded-for', 'x-plugboard-csrf']) {
      expect(sent).not.toHaveProperty(name);
    }
    expect(sent).not.toHaveProperty('plugboard-connection-id');
    expect(JSON.stringify(sent)).not.toContain(target.key);
    expect(response.headers['x-kept']).toBe('yes');
    for (const name of ['set-cookie', 'x-hop-back']) expect(response.headers).not.toHaveProperty(name);
  });

  it('answers JSON errors with stable codes, sending nothing: no header, unknown connection, a path out, the console', async () => {
    const target = await connectEcho();
    const missing = await fetch(`${plugboard?.url}/v1/proxy/things`, {
      headers: { authorization: `Bearer ${target.key}` },
    });
    expect([missing.status, (await missing.json()).error.code]).toEqual([400, 'validation_failed']);
    const unknown = await proxy({ ...target, connectionId: 'cxn_unknown' }, '/things');
    expect([unknown.status, (await unknown.json()).error.code]).toEqual([404, 'not_found']);
    const out = await proxy(target, '/%2F%2Fevil.example/x');
    expect([out.status, (await out.json()).error.code]).toEqual([400, 'path_not_allowed']);
    const noKey = await fetch(`${plugboard?.url}/v1/proxy/things`, {
      headers: { 'plugboard-connection-id': target.connectionId },
    });
    expect([noKey.status, (await noKey.json()).error.code]).toEqual([401, 'unauthenticated']);
    await t.createConsoleMember(target.organizationId);
    const { console: cookie } = await t.signIn();
    const viaConsole = await fetch(`${plugboard?.url}/v1/proxy/things`, {
      headers: { cookie: cookie.cookie, 'plugboard-connection-id': target.connectionId },
    });
    expect([viaConsole.status, (await viaConsole.json()).error.code]).toEqual([403, 'forbidden']);
    expect(api.seen).toHaveLength(0);
  });

  it('never answers 500 to odd paths: each is passed on or refused with a JSON error', async () => {
    const target = await connectEcho();
    for (const path of ['/%zz', '/a%00b', '/%E0%A4%A', '/..%2f..%2fadmin', '/a\\b', `/${'x'.repeat(8000)}`]) {
      const response = await proxy(target, path);
      expect(response.status, path).toBeLessThan(500);
      if (!response.headers.has('plugboard-proxied')) expect((await response.json()).error.code, path).toBeTruthy();
    }
  });

  it('refuses an API base URL the egress policy blocks with 400 egress_blocked', async () => {
    const target = await connectEcho({ kind: 'none' }, {}, {}, 'http://169.254.169.254/latest');
    const response = await proxy(target, '/meta-data/');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('egress_blocked');
    expect(response.headers.has('plugboard-proxied')).toBe(false);
  });

  it("holds the tenant to its call budget with 429 and Retry-After, the same budget as the other calls'", async () => {
    const target = await connectEcho(undefined, undefined, { tenantRateLimit: { burst: 2, perSecond: 0.5 } });
    expect((await proxy(target, '/a')).status).toBe(200);
    const run = await t.request('POST', '/v1/proxy', {
      key: target.key,
      body: { connectionId: target.connectionId, method: 'GET', path: '/b' },
    });
    expect(run.status).toBe(200);
    const refused = await proxy(target, '/c');
    expect([refused.status, (await refused.json()).error.code]).toEqual([429, 'rate_limited']);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(api.seen.map((seen) => seen.url)).toEqual(['/v2/a', '/v2/b']);
  });

  it('cuts off a silent API with 504 upstream_timeout and refuses a body over the cap with 413', async () => {
    const target = await connectEcho(undefined, undefined, {
      outbound: { timeoutMs: 200, maxStreamBytes: 256 * 1024 },
    });
    api.answer(() => {});
    const silent = await proxy(target, '/slow');
    expect([silent.status, (await silent.json()).error.code]).toEqual([504, 'upstream_timeout']);
    api.answer((_, res) => res.end('ok'));
    const declared = await proxy(target, '/upload', { method: 'POST', body: Buffer.alloc(300 * 1024) });
    expect([declared.status, (await declared.json()).error.code]).toEqual([413, 'payload_too_large']);
    expect(api.seen).toHaveLength(1);
  });

  it('answers 504 upstream_timeout, not a cut-off 200, when a small answer stops halfway', async () => {
    const target = await connectEcho(undefined, undefined, { outbound: { timeoutMs: 200 } });
    api.answer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '64' });
      res.write('{"half":');
    });
    const response = await proxy(target, '/half');
    expect([response.status, (await response.json()).error.code]).toEqual([504, 'upstream_timeout']);
    expect(response.headers.has('plugboard-proxied')).toBe(false);
  });

  it('refuses an answer that announces more than the cap with 502 upstream_too_large', async () => {
    const target = await connectEcho(undefined, undefined, { outbound: { maxStreamBytes: 1024 } });
    api.answer((_, res) => res.writeHead(200, { 'content-length': '4096' }).end('x'.repeat(4096)));
    const response = await proxy(target, '/big');
    expect([response.status, (await response.json()).error.code]).toEqual([502, 'upstream_too_large']);
  });
});

describe('the streaming proxy in the OpenAPI document', () => {
  it('is described for every method with its connection header, any body and any answer', async () => {
    t = await createTestContext();
    const document = (await t.request('GET', '/v1/openapi.json')).json;
    const operations = document.paths['/v1/proxy/{path}'];
    expect(Object.keys(operations).sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
    expect(operations.get.security).toEqual([{ secretKey: [] }]);
    expect(operations.get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'path', in: 'path', required: true }),
        expect.objectContaining({ name: 'Plugboard-Connection-Id', in: 'header', required: true }),
      ]),
    );
    expect(operations.post.requestBody.content).toHaveProperty(['*/*']);
    expect(operations.get.responses['200'].content).toHaveProperty(['*/*']);
  });
});

describe('the streaming proxy with OAuth 2.0', () => {
  async function connectSandbox() {
    const state = sandbox.reset();
    t = await createTestContext(sandboxAppOptions(sandbox.url));
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, { ...sandboxConnector(sandbox.url), apiBaseUrl: `${sandbox.url}/api` });
    const connectionId = await connectWithSandbox(t, await t.mintSession(key), sandbox.url);
    plugboard = await startServer(t.app, { port: 0 });
    return { target: { key, connectionId }, state };
  }

  it('refreshes the token once after a 401 and sends a small body again', async () => {
    const { target, state } = await connectSandbox();
    state.faults.rejectAccessTokens = 1;
    const response = await proxy(target, '/contacts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Lovelace' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'Ada Lovelace' });
    expect(state.tokens.calls.refresh_token).toBe(1);
  });

  it('hands back the 401 without a refresh when a large streamed body cannot be sent again', async () => {
    const { target, state } = await connectSandbox();
    state.faults.rejectAccessTokens = 1;
    const big = JSON.stringify({ name: 'Ada', notes: 'n'.repeat(100 * 1024) });
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await proxy(target, '/contacts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit & { headers: Record<string, string> });
    expect(response.status).toBe(401);
    expect(response.headers.get('plugboard-proxied')).toBe('1');
    expect(state.tokens.calls.refresh_token ?? 0).toBe(0);
  });
});
