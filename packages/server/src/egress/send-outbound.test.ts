import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EgressBlockedError } from './egress-error.js';
import { createEgressPolicy, type Resolver } from './egress-policy.js';
import { OutboundError } from './outbound-error.js';
import { pinnedLookup } from './pinned-lookup.js';
import { sendOutbound } from './send-outbound.js';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
}

/** A loopback server that records what reaches it and answers with `handler`. */
async function loopback(handler: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end('ok')) {
  const seen: Seen[] = [];
  const state = { handler };
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    state.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    answer: (next: typeof handler) => {
      state.handler = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let api: Awaited<ReturnType<typeof loopback>>;
let other: Awaited<ReturnType<typeof loopback>>;
let evil: Awaited<ReturnType<typeof loopback>>;
beforeAll(async () => {
  [api, other, evil] = await Promise.all([loopback(), loopback(), loopback()]);
});
afterAll(() => Promise.all([api.close(), other.close(), evil.close()]));
beforeEach(() => {
  for (const server of [api, other, evil]) {
    server.seen.length = 0;
    server.answer((_, res) => res.end('ok'));
  }
});

const table =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) =>
    answers[hostname] ?? [];
const policyFor = (resolve: Resolver = table({})) =>
  createEgressPolicy({ allowHosts: [api.host, other.host], resolve });
const get = (url: string, extra: Partial<Parameters<typeof sendOutbound>[1]> = {}) => ({
  method: 'GET',
  url: new URL(url),
  ...extra,
});

describe('sendOutbound', () => {
  it('sends the request and returns status, headers and body', async () => {
    api.answer((_, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}'));
    const answer = await sendOutbound(policyFor(), get(`${api.url}/v1/things?x=1`));
    expect(answer).toMatchObject({ status: 201, headers: { 'content-type': 'application/json' } });
    expect(answer.body.toString()).toBe('{"id":1}');
    expect(api.seen[0]?.url).toBe('/v1/things?x=1');
  });

  it('removes set-cookie and hop-by-hop headers, including those Connection names, from the answer', async () => {
    api.answer((_, res) => {
      res.setHeader('set-cookie', ['session=abc; HttpOnly']);
      res.setHeader('connection', 'close, x-hop');
      res.setHeader('x-hop', 'secret');
      res.setHeader('keep-alive', 'timeout=5');
      res.setHeader('x-kept', 'yes');
      res.end('ok');
    });
    const { headers } = await sendOutbound(policyFor(), get(api.url));
    expect(headers['x-kept']).toBe('yes');
    for (const name of ['set-cookie', 'connection', 'x-hop', 'keep-alive', 'transfer-encoding']) {
      expect(headers).not.toHaveProperty(name);
    }
  });

  // How close the cut-off comes to the timeout is measured by `pnpm bench`, not asserted here.
  it('cuts a slow server off at the timeout and closes the connection to it', async () => {
    let hungUp!: () => void;
    const closed = new Promise<void>((resolve) => (hungUp = resolve));
    api.answer((req) => req.socket.once('close', hungUp));
    const error = await sendOutbound(policyFor(), get(api.url), { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as OutboundError).failure).toBe('timeout');
    await closed;
    expect(api.seen).toHaveLength(1);
  });

  it('counts the timeout over the whole exchange, redirects included', async () => {
    api.answer((_, res) => {
      setTimeout(() => res.writeHead(302, { location: '/slower' }).end(), 120);
    });
    const error = await sendOutbound(policyFor(), get(api.url), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect((error as OutboundError).failure).toBe('timeout');
    expect(api.seen.length).toBeLessThanOrEqual(3);
  });

  it('asks for an uncompressed answer', async () => {
    await sendOutbound(policyFor(), get(api.url, { headers: { 'accept-encoding': 'gzip' } }));
    expect(api.seen[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('refuses an answer over the size cap, announced or streamed', async () => {
    api.answer((_, res) => res.end('x'.repeat(2048)));
    await expect(sendOutbound(policyFor(), get(api.url), { maxBytes: 1024 })).rejects.toMatchObject({
      failure: 'too_large',
    });
    api.answer((_, res) => {
      res.write('x'.repeat(800));
      res.end('y'.repeat(800));
    });
    await expect(sendOutbound(policyFor(), get(api.url), { maxBytes: 1024 })).rejects.toMatchObject({
      failure: 'too_large',
    });
  });

  it('follows a same-origin redirect with the credentials, then a cross-origin one without any of them', async () => {
    api.answer((req, res) => {
      if (req.url?.startsWith('/start')) res.writeHead(302, { location: '/next?api_key=k3y' }).end();
      else res.writeHead(307, { location: `${other.url}/landing?api_key=k3y&keep=1` }).end();
    });
    const request = get(`${api.url}/start?api_key=k3y`, {
      headers: { authorization: 'Bearer t0ken', 'x-api-key': 'k3y', 'x-custom-auth': 'c', accept: 'application/json' },
      credentials: { headers: ['X-API-Key', 'x-custom-auth'], query: ['api_key'] },
    });
    const answer = await sendOutbound(policyFor(), request);
    expect(answer.status).toBe(200);
    expect(api.seen.map((s) => s.headers.authorization)).toEqual(['Bearer t0ken', 'Bearer t0ken']);
    const landed = other.seen[0];
    expect(landed?.url).toBe('/landing?keep=1');
    expect(landed?.headers).not.toHaveProperty('authorization');
    expect(landed?.headers).not.toHaveProperty('x-api-key');
    expect(landed?.headers).not.toHaveProperty('x-custom-auth');
    expect(landed?.headers.accept).toBe('application/json');
  });

  it('stops after five redirects', async () => {
    api.answer((_, res) => res.writeHead(302, { location: '/again' }).end());
    await expect(sendOutbound(policyFor(), get(api.url))).rejects.toMatchObject({ failure: 'too_many_redirects' });
    expect(api.seen).toHaveLength(6);
  });
});

describe('sendOutbound under the egress policy', () => {
  const EVIL = () => evil.port;
  const cases: [string, () => string, Record<string, string[]>?][] = [
    ['dotted loopback shorthand', () => `http://127.1:${EVIL()}/`],
    ['decimal IPv4', () => `http://2130706433:${EVIL()}/`],
    ['hex IPv4', () => `http://0x7f.1:${EVIL()}/`],
    ['octal IPv4', () => `http://0177.0.0.1:${EVIL()}/`],
    ['zero address', () => `http://0:${EVIL()}/`],
    ['0.0.0.0', () => `http://0.0.0.0:${EVIL()}/`],
    ['IPv6 loopback', () => `http://[::1]:${EVIL()}/`],
    ['IPv6-mapped loopback (hex)', () => `http://[::ffff:7f00:1]:${EVIL()}/`],
    ['IPv6-mapped loopback (dotted)', () => `http://[::ffff:127.0.0.1]:${EVIL()}/`],
    ['NAT64 loopback', () => `http://[64:ff9b::7f00:1]:${EVIL()}/`],
    ['6to4 loopback', () => `http://[2002:7f00:1::]:${EVIL()}/`],
    ['Teredo loopback', () => `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${EVIL()}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['metadata, IPv6-mapped', () => 'http://[::ffff:a9fe:a9fe]/latest/'],
    ['metadata, NAT64', () => 'http://[64:ff9b::a9fe:a9fe]/latest/'],
    ['RFC 1918 10/8', () => 'http://10.0.0.1/'],
    ['RFC 1918 192.168/16', () => 'http://192.168.1.1/'],
    ['CGNAT', () => 'http://100.64.0.1/'],
    ['unique local IPv6', () => 'http://[fd00::1]/'],
    ['link-local IPv6', () => 'http://[fe80::1]/'],
    ['a name that resolves to loopback', () => `http://loopback.test:${EVIL()}/`, { 'loopback.test': ['127.0.0.1'] }],
    [
      'a name with one private answer',
      () => `http://mixed.test:${EVIL()}/`,
      { 'mixed.test': ['93.184.215.14', '127.0.0.1'] },
    ],
    ['a name that resolves to metadata', () => 'http://meta.test/', { 'meta.test': ['169.254.169.254'] }],
    ['user info', () => `http://user:pass@127.0.0.1:${EVIL()}/`],
    ['a file URL', () => 'file:///etc/passwd'],
  ];

  it.each(cases)('blocks %s with nothing sent', async (_, url, answers = {}) => {
    const error = await sendOutbound(policyFor(table(answers)), get(url())).catch((e: unknown) => e);
    expect(EgressBlockedError.is(error)).toBe(true);
    expect(evil.seen).toHaveLength(0);
  });

  it.each([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a loopback port not on the allowlist', () => `http://127.0.0.1:${evil.port}/`],
    ['a decimal loopback address', () => `http://2130706433:${evil.port}/`],
  ])('blocks a redirect to %s, with nothing sent there', async (_, target) => {
    const location = typeof target === 'string' ? target : target();
    api.answer((_, res) => res.writeHead(302, { location }).end());
    const error = await sendOutbound(policyFor(), get(api.url, { headers: { authorization: 'Bearer t' } })).catch(
      (e: unknown) => e,
    );
    expect(EgressBlockedError.is(error)).toBe(true);
    expect(api.seen).toHaveLength(1);
    expect(evil.seen).toHaveLength(0);
  });

  it('resolves each hop once and connects to the checked address, so a DNS answer that changes is never used', async () => {
    const answers = [['127.0.0.1'], ['93.184.215.14']];
    let lookups = 0;
    const changing: Resolver = async () => {
      lookups++;
      return answers.shift() ?? [];
    };
    await expect(sendOutbound(policyFor(changing), get(`http://rebind.test:${evil.port}/`))).rejects.toSatisfy(
      EgressBlockedError.is,
    );
    expect(lookups).toBe(1);
    expect(evil.seen).toHaveLength(0);
  });

  it('connects a redirect hop to the address it checked, not to a later DNS answer of loopback (rebinding)', async () => {
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    let lookups = 0;
    const rebinding: Resolver = async () => {
      lookups++;
      return answers.shift() ?? [];
    };
    api.answer((_, res) => res.writeHead(302, { location: `http://rebind.test:${evil.port}/` }).end());
    const request = get(api.url, { headers: { authorization: 'Bearer t' } });
    const outcome = await sendOutbound(policyFor(rebinding), request, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Error);
    expect(lookups).toBe(1);
    expect(evil.seen).toHaveLength(0);
  });

  it('pins the socket: the lookup it hands to node answers with the checked address whatever name is asked', async () => {
    const lookup = pinnedLookup(['93.184.215.14']);
    const address = await new Promise((resolve) => lookup('rebind.test', {}, (_, a) => resolve(a)));
    expect(address).toBe('93.184.215.14');
    const all = await new Promise((resolve) => lookup('other.test', { all: true }, (_, a) => resolve(a)));
    expect(all).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });
});
