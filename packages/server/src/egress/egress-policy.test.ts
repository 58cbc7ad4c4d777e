import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EgressBlockedError } from './egress-error.js';
import { egressFetch } from './egress-fetch.js';
import { assertEgress, checkEgress, createEgressPolicy } from './egress-policy.js';

/** A resolver that answers from a table, as DNS would, without the network. */
const dns = (table: Record<string, string[]>) => async (hostname: string) => table[hostname] ?? [];

describe('checkEgress', () => {
  const policy = createEgressPolicy({ resolve: dns({ 'api.example': ['93.184.215.14'] }) });

  it.each([
    ['http://127.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:8080/', 'loopback'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local'],
    ['http://[2002:a9fe:a9fe::]/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'unique-local'],
    ['https://10.0.0.1/token', 'private'],
    ['https://100.64.1.1/token', 'carrier-grade-nat'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://255.255.255.255/', 'reserved'],
  ])('blocks %s (%s)', async (url, reason) => {
    expect(await checkEgress(url, policy)).toMatchObject({ allowed: false, reason });
  });

  it('lets a host through when every address it resolves to is public', async () => {
    const decision = await checkEgress('https://api.example/oauth/token', policy);
    expect(decision).toMatchObject({ allowed: true, addresses: ['93.184.215.14'] });
  });

  it('blocks a host when any one of its addresses is private', async () => {
    const mixed = createEgressPolicy({ resolve: dns({ 'mixed.example': ['93.184.215.14', '10.0.0.7'] }) });
    expect(await checkEgress('https://mixed.example/', mixed)).toMatchObject({
      allowed: false,
      reason: 'private',
      address: '10.0.0.7',
    });
  });

  it('judges a DNS answer each time it is asked, so an answer that changes to loopback is blocked', async () => {
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    const rebinding = createEgressPolicy({ resolve: async () => answers.shift() ?? [] });
    expect((await checkEgress('https://rebind.example/', rebinding)).allowed).toBe(true);
    expect(await checkEgress('https://rebind.example/', rebinding)).toMatchObject({
      allowed: false,
      reason: 'loopback',
    });
  });

  it('resolves names with the system resolver by default: localhost is loopback', async () => {
    expect(await checkEgress('http://localhost:9/', createEgressPolicy())).toMatchObject({
      allowed: false,
      reason: 'loopback',
    });
  });

  it.each([
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['ftp://api.example/', 'unsupported_scheme'],
    ['https://user:pass@api.example/', 'userinfo'],
    ['not a url', 'invalid_url'],
    ['https://nowhere.example/', 'unresolvable'],
  ])('refuses %s (%s)', async (url, reason) => {
    expect(await checkEgress(url, policy)).toMatchObject({ allowed: false, reason });
  });

  it('lets allowlisted hosts through on the listed port only, whatever they resolve to', async () => {
    const local = createEgressPolicy({ allowHosts: ['127.0.0.1:4401', 'localhost', '[::1]:80'] });
    expect((await checkEgress('http://127.0.0.1:4401/oauth/token', local)).allowed).toBe(true);
    expect((await checkEgress('http://127.1:4401/oauth/token', local)).allowed).toBe(true);
    expect((await checkEgress('http://127.0.0.1:4402/', local)).allowed).toBe(false);
    expect((await checkEgress('http://127.0.0.1/', local)).allowed).toBe(false);
    expect((await checkEgress('http://LOCALHOST:1234/', local)).allowed).toBe(true);
    expect((await checkEgress('http://[::1]/', local)).allowed).toBe(true);
    expect((await checkEgress('http://[::1]:81/', local)).allowed).toBe(false);
  });

  it('lets a name through that resolves to an allowlisted address, on its port only, and pins it there', async () => {
    const local = createEgressPolicy({
      allowHosts: ['127.0.0.1:4401', '[::1]:4402'],
      resolve: dns({ 'sandbox.test': ['127.0.0.1'], 'six.test': ['::1'], 'mixed.test': ['127.0.0.1', '10.0.0.7'] }),
    });
    expect(await checkEgress('http://sandbox.test:4401/', local)).toMatchObject({
      allowed: true,
      addresses: ['127.0.0.1'],
    });
    expect((await checkEgress('http://six.test:4402/', local)).allowed).toBe(true);
    expect((await checkEgress('http://sandbox.test:4402/', local)).allowed).toBe(false);
    expect(await checkEgress('http://mixed.test:4401/', local)).toMatchObject({ allowed: false, reason: 'private' });
  });

  it('refuses allowlist entries that are not host or host:port', () => {
    expect(() => createEgressPolicy({ allowHosts: ['http://127.0.0.1:4401/path'] })).toThrow(/host:port/);
    expect(() => createEgressPolicy({ allowHosts: ['::1'] })).toThrow(/host:port/);
  });

  it('throws EgressBlockedError from assertEgress, naming the host and the reason', async () => {
    const error = await assertEgress('http://169.254.169.254/', policy).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EgressBlockedError);
    expect(error).toMatchObject({ code: 'egress_blocked', reason: 'link-local' });
    expect((error as Error).message).toContain('169.254.169.254');
  });
});

describe('egressFetch', () => {
  async function countingServer(handler: (url: string) => { status: number; location?: string }) {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      const { status, location } = handler(request.url ?? '');
      response.writeHead(status, location ? { location } : {}).end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, hits, close: () => new Promise<void>((done) => server.close(() => done())) };
  }

  it('sends nothing to a blocked URL', async () => {
    const server = await countingServer(() => ({ status: 200 }));
    const error = await egressFetch(createEgressPolicy())(`${server.url}/token`).catch((caught: unknown) => caught);
    expect(EgressBlockedError.is(error)).toBe(true);
    expect(server.hits).toEqual([]);
    await server.close();
  });

  it('fetches an allowlisted URL and hands back a redirect instead of following it', async () => {
    const server = await countingServer(() => ({ status: 302, location: 'http://169.254.169.254/' }));
    const policy = createEgressPolicy({ allowHosts: [new URL(server.url).host] });
    const response = await egressFetch(policy)(`${server.url}/token`, { redirect: 'follow' });
    expect([response.status, response.headers.get('location')]).toEqual([302, 'http://169.254.169.254/']);
    expect(server.hits).toEqual(['/token']);
    await server.close();
  });
});
