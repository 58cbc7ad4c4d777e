import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { clientKeyOf } from '../http/client-address.js';
import { type RunningServer, startServer } from '../server.js';
import { openStore } from '../storage/open-store.js';
import { CONSOLE_MEMBER, createTestContext } from '../test/context.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on loopback with a console member, so requests come from a real socket address. */
async function serve(options: Parameters<typeof createTestContext>[0] = {}) {
  const t = await createTestContext(options);
  const server = await startServer(t.app, { port: 0 });
  cleanups.push(t.close, server.close);
  const { organization } = await t.createOrganization();
  await t.createConsoleMember(organization.id);
  return { t, server };
}

const signIn = (server: RunningServer, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/v1/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });

const tight = { signInPerClient: { burst: 3, perSecond: 0.001 } };

describe('sign-in limit per client address', () => {
  it('limits one client trying one password against many emails: 429 with Retry-After once 20 are spent', async () => {
    const { server } = await serve();
    for (let i = 0; i < 20; i++) {
      expect((await signIn(server, `victim${i}@vendor.example`, 'Summer2026!')).status).toBe(401);
    }
    const limited = await signIn(server, 'victim20@vendor.example', 'Summer2026!');
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password of a fresh email is refused too: the budget is the client's, not the email's.
    expect((await signIn(server, CONSOLE_MEMBER.email, CONSOLE_MEMBER.password)).status).toBe(429);
  });

  it('ignores X-Forwarded-For by default, so a client cannot escape its budget by sending one', async () => {
    const { server } = await serve({ rateLimits: tight });
    for (let i = 0; i < 3; i++) {
      const headers = { 'x-forwarded-for': `198.51.100.${i}` };
      expect((await signIn(server, `v${i}@vendor.example`, 'guess', headers)).status).toBe(401);
    }
    const spoofed = await signIn(server, 'v3@vendor.example', 'guess', { 'x-forwarded-for': '198.51.100.99' });
    expect(spoofed.status).toBe(429);
  });

  it('behind one trusted proxy counts the right-most X-Forwarded-For entry, not what the client wrote', async () => {
    const { server } = await serve({ rateLimits: tight, trustedProxyHops: 1 });
    for (let i = 0; i < 3; i++) {
      const headers = { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.7` };
      expect((await signIn(server, `v${i}@vendor.example`, 'guess', headers)).status).toBe(401);
    }
    const sameClient = await signIn(server, 'v3@vendor.example', 'guess', {
      'x-forwarded-for': '1.2.3.4, 203.0.113.7',
    });
    expect(sameClient.status).toBe(429);
    const otherClient = { 'x-forwarded-for': '203.0.113.8' };
    expect((await signIn(server, CONSOLE_MEMBER.email, CONSOLE_MEMBER.password, otherClient)).status).toBe(200);
  });

  it('holds across two servers sharing one database: the budget is not doubled', async () => {
    const { t, server } = await serve({ rateLimits: tight });
    const store = await openStore(t.databaseUrl);
    const replica = await startServer(createApp({ store, keyring: t.keyring, rateLimits: tight }), { port: 0 });
    cleanups.push(() => store.close(), replica.close);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(i % 2 ? replica : server, `v${i}@x.example`, 'g')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('still locks one email after ten failures from different clients', async () => {
    const { server } = await serve({ trustedProxyHops: 1 });
    for (let i = 0; i < 10; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${i}` };
      expect((await signIn(server, CONSOLE_MEMBER.email, `wrong ${i}`, headers)).status).toBe(401);
    }
    const locked = await signIn(server, CONSOLE_MEMBER.email, CONSOLE_MEMBER.password, {
      'x-forwarded-for': '203.0.113.50',
    });
    expect(locked.status).toBe(429);
  });
});

describe('client keys', () => {
  it('counts an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 one', () => {
    expect(clientKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('[::1]')).toBe('0:0:0:0::/64');
    expect(clientKeyOf(' 203.0.113.7 ')).toBe('203.0.113.7');
  });
});
