import type { Sandbox } from '@plugboard/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from '../app.js';
import { createEgressPolicy } from '../egress/index.js';
import { openStore } from '../storage/open-store.js';
import { createTestContext, type TestContext } from '../test/context.js';
import {
  CLIENT_SECRET,
  connectWithSandbox,
  consent,
  sandboxAppOptions,
  sandboxConnector,
  startFlow,
  startSandboxServer,
} from '../test/sandbox.js';
import { defaultRefreshPolicy, TokenRefresher } from './token-refresh.js';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
afterEach(() => t.close());

/** A tenant connected to the sandbox; the sandbox is set up with `options` first. */
async function connected(options: Parameters<typeof server.reset>[0] = {}, app: Partial<AppOptions> = {}) {
  const sandbox = server.reset(options);
  t = await createTestContext({
    ...sandboxAppOptions(server.url),
    refreshPolicy: { backoffMs: 5 },
    ...app,
  });
  const key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, sandboxConnector(server.url));
  const connectionId = await connectWithSandbox(t, await t.mintSession(key), server.url);
  const credentials = () => t.request('GET', `/v1/connections/${connectionId}/credentials`, { key });
  const stored = async () => {
    const record = await t.store.getConnection(connectionId);
    const sealed = await t.store.getCredentials(connectionId);
    const { openCredentials } = await import('../crypto/credential-cipher.js');
    return record && sealed
      ? openCredentials(
          t.keyring,
          { organizationId: record.organizationId, tenantId: record.tenantId, connectionId },
          sealed,
        )
      : {};
  };
  return { sandbox, key, connectionId, credentials, stored };
}

/** Moves our clock past the token's refresh window. */
const expire = () => {
  t.clock.offsetMs = 10 * 60_000;
};

const calls = (sandbox: Sandbox) => sandbox.tokens.calls.refresh_token;

describe('credentials for the vendor’s backend', () => {
  it('hands out the access token while it is fresh, without the refresh token and without calling the provider', async () => {
    const { sandbox, credentials } = await connected({ accessTokenTtl: 3600 });
    const response = await credentials();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.json).toMatchObject({
      authKind: 'oauth2',
      credentials: { tokenType: expect.stringMatching(/bearer/i) },
    });
    expect(response.json.credentials.accessToken).toMatch(/^sbx_at_/);
    expect(response.json.credentials.refreshToken).toBeUndefined();
    expect(calls(sandbox)).toBe(0);
  });

  it('refreshes once for 1,000 concurrent reads of an expired token, and every read gets the new token', async () => {
    const { sandbox, credentials, stored } = await connected();
    const before = (await stored()).accessToken;
    expire();
    const responses = await Promise.all(Array.from({ length: 1000 }, credentials));
    expect(calls(sandbox)).toBe(1);
    const tokens = new Set(responses.map((response) => response.json.credentials.accessToken));
    expect(tokens.size).toBe(1);
    expect(tokens.has(before)).toBe(false);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${[...tokens][0]}` } });
    expect(me.status).toBe(200);
  });

  it('stores a rotated refresh token before handing out the new access token', async () => {
    const { credentials, stored } = await connected();
    const first = (await stored()).refreshToken;
    expire();
    const response = await credentials();
    const after = await stored();
    expect(after.refreshToken).not.toBe(first);
    expect(after.accessToken).toBe(response.json.credentials.accessToken);
  });

  it('keeps the old refresh token when the provider sends none', async () => {
    const { credentials, stored } = await connected({ rotateRefreshTokens: false });
    const first = (await stored()).refreshToken;
    expire();
    expect((await credentials()).status).toBe(200);
    expect((await stored()).refreshToken).toBe(first);
  });

  it('refreshes a token without expires_in once it is older than the default lifetime', async () => {
    const { sandbox, credentials, stored } = await connected({ omitExpiresIn: true });
    expect((await stored()).expiresAt).toBeUndefined();
    await credentials();
    expect(calls(sandbox)).toBe(0);
    t.clock.offsetMs = 56 * 60_000;
    await credentials();
    expect(calls(sandbox)).toBe(1);
  });

  it('marks the connection needs_reauth on invalid_grant and calls the provider no more', async () => {
    const { sandbox, credentials, key, connectionId } = await connected();
    sandbox.tokens.revokeUser('demo');
    expire();
    const response = await credentials();
    expect([response.status, response.json.error.code]).toEqual([409, 'needs_reauth']);
    expect((await t.request('GET', `/v1/connections/${connectionId}`, { key })).json.status).toBe('needs_reauth');
    await credentials();
    await credentials();
    expect(calls(sandbox)).toBe(1);
  });

  it('reconnects a needs_reauth connection in place: same id, active again, new tokens', async () => {
    const { sandbox, credentials, key, connectionId } = await connected();
    sandbox.tokens.revokeUser('demo');
    expire();
    expect((await credentials()).status).toBe(409);
    t.clock.offsetMs = 0;
    const session = await t.mintSession(key);
    const cards = await t.request('GET', '/v1/session/connectors', { key: session });
    expect(cards.json.data[0].needsReauth).toEqual([{ id: connectionId, label: 'Acme CRM' }]);

    const flow = await startFlow(t, session, { connectionId });
    const back = await consent(server.url, flow.authorizationUrl);
    expect((await t.request('GET', `${back.pathname}${back.search}`)).status).toBe(200);
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: session });
    expect(status.json.connection).toMatchObject({ id: connectionId, status: 'active' });
    expect((await t.request('GET', '/v1/connections', { key })).json.data).toHaveLength(1);
    expect((await credentials()).status).toBe(200);
    const after = await t.request('GET', '/v1/session/connectors', { key: session });
    expect(after.json.data[0].needsReauth).toEqual([]);
  });

  it('revokes the grant at the provider when the connection is deleted', async () => {
    const { sandbox, key, connectionId, stored } = await connected();
    const { refreshToken } = await stored();
    expect((await t.request('DELETE', `/v1/connections/${connectionId}`, { key })).status).toBe(204);
    const reuse = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`plugboard:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken ?? '' }),
    });
    expect((await reuse.json()).error).toBe('invalid_grant');
    expect(calls(sandbox)).toBe(1);
  });

  it('refuses to reconnect another tenant’s connection', async () => {
    const { key, connectionId } = await connected();
    const other = await t.mintSession(key, { tenantId: 'tenant-b' });
    const response = await t.request('POST', '/v1/session/oauth/flows', {
      key: other,
      body: { connector: 'acme-crm', connectionId },
    });
    expect(response.status).toBe(404);
  });

  it('backs off and retries when the token endpoint fails for a moment', async () => {
    const { sandbox, credentials } = await connected();
    sandbox.faults.tokenEndpointUnavailable = 2;
    expire();
    const response = await credentials();
    expect(response.status).toBe(200);
    expect(calls(sandbox)).toBe(1);
    expect(t.logLines.filter((line) => line.includes('refresh.retry'))).toHaveLength(2);
  });

  it('gives 502 refresh_failed when the provider stays down, and keeps the connection active', async () => {
    const { sandbox, credentials, key, connectionId } = await connected();
    sandbox.faults.tokenEndpointUnavailable = 10;
    expire();
    const response = await credentials();
    expect([response.status, response.json.error.code]).toEqual([502, 'refresh_failed']);
    expect((await t.request('GET', `/v1/connections/${connectionId}`, { key })).json.status).toBe('active');
  });

  it('stops retrying before an attempt could outlast the refresh lock, so no other server refreshes alongside', async () => {
    // Each failed attempt takes 450 ms of the clock: the fourth would end past the 2 s lock (less its margin).
    const clock = { offsetMs: 0 };
    const record = (entry: { event?: string }) => {
      if (entry.event === 'refresh.retry') clock.offsetMs += 450;
    };
    const { sandbox, credentials } = await connected(
      {},
      {
        now: () => new Date(Date.now() + clock.offsetMs),
        logger: { info: record, warn: record, error: record },
        refreshPolicy: { backoffMs: 5, lockMs: 2_000, timeoutMs: 500, attempts: 10 },
      },
    );
    clock.offsetMs = 10 * 60_000;
    sandbox.faults.tokenEndpointUnavailable = 20;
    const response = await credentials();
    expect([response.status, response.json.error.code]).toEqual([502, 'refresh_failed']);
    expect(sandbox.faults.tokenEndpointUnavailable).toBe(20 - 4);
  });

  it('refreshes once across two servers sharing one database', async () => {
    const { sandbox, key, connectionId } = await connected();
    const second = await openStore(t.databaseUrl);
    const other = createApp({
      store: second,
      keyring: t.keyring,
      allowInsecureOAuthEndpoints: true,
      egressAllowHosts: [new URL(server.url).host],
      now: () => new Date(Date.now() + 10 * 60_000),
    });
    expire();
    const read = (app: typeof t.app) =>
      app.request(`/v1/connections/${connectionId}/credentials`, { headers: { authorization: `Bearer ${key}` } });
    const responses = await Promise.all([
      ...Array.from({ length: 20 }, () => read(t.app)),
      ...Array.from({ length: 20 }, () => read(other)),
    ]);
    const tokens = new Set(
      await Promise.all(responses.map(async (response) => (await response.json()).credentials.accessToken)),
    );
    expect(calls(sandbox)).toBe(1);
    expect(tokens.size).toBe(1);
    await second.close();
  });

  /** A refresher as the background job runs it, on the test's database, its clock `aheadMs` ahead. */
  const backgroundRefresher = (aheadMs: number) =>
    new TokenRefresher(
      {
        store: t.store,
        keyring: t.keyring,
        logger: { info() {}, warn() {}, error() {} },
        now: () => new Date(Date.now() + aheadMs),
        egress: createEgressPolicy({ allowHosts: [new URL(server.url).host] }),
      },
      true,
    );

  it('refreshes due tokens in the background', async () => {
    const { sandbox } = await connected();
    expect(await backgroundRefresher(10 * 60_000).refreshDue()).toBe(1);
    expect(calls(sandbox)).toBe(1);
  });

  it('stores an assumed expiry for a token without expires_in, so the background refresher finds it', async () => {
    const { sandbox, connectionId, stored, credentials } = await connected({ omitExpiresIn: true });
    const { obtainedAt } = await stored();
    const record = await t.store.getConnection(connectionId);
    expect(record?.tokenExpiresAt).toBe(
      new Date(Date.parse(obtainedAt ?? '') + defaultRefreshPolicy.defaultTtlMs).toISOString(),
    );
    expect(await backgroundRefresher(0).refreshDue()).toBe(0);
    expect(await backgroundRefresher(56 * 60_000).refreshDue()).toBe(1);
    expect(calls(sandbox)).toBe(1);
    // The refreshed token had no expires_in either: it is found again an assumed lifetime later.
    const after = await stored();
    expect((await t.store.getConnection(connectionId))?.tokenExpiresAt).toBe(
      new Date(Date.parse(after.obtainedAt ?? '') + defaultRefreshPolicy.defaultTtlMs).toISOString(),
    );
    t.clock.offsetMs = 56 * 60_000;
    expect((await credentials()).json.credentials.accessToken).toBe(after.accessToken);
  });

  it('gives an error and no new access token when storing the refreshed tokens fails', async () => {
    const { sandbox, credentials, stored } = await connected();
    const before = await stored();
    const original = t.store.updateCredentials.bind(t.store);
    let failures = 0;
    t.store.updateCredentials = async (...args) => {
      if (failures++ === 0) throw new Error('disk full');
      return original(...args);
    };
    expire();
    const response = await credentials();
    expect([response.status, response.json.error.code]).toEqual([502, 'refresh_failed']);
    expect(response.json.credentials).toBeUndefined();
    expect(response.text).not.toMatch(/sbx_at_/);
    expect(calls(sandbox)).toBe(1);
    expect(await stored()).toEqual(before);
  });

  it('returns what the end user typed for the other auth kinds', async () => {
    server.reset();
    t = await createTestContext();
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, { name: 'Keyed', authMethods: [{ kind: 'apiKey' }] });
    const session = await t.mintSession(key);
    const created = await t.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'keyed', credentials: { apiKey: 'k-123' } },
    });
    const response = await t.request('GET', `/v1/connections/${created.json.id}/credentials`, { key });
    expect(response.json).toEqual({
      connectionId: created.json.id,
      authKind: 'apiKey',
      credentials: { apiKey: 'k-123' },
      variables: {},
    });
  });
});
