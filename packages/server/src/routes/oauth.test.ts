import type { Sandbox } from '@plugboard/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import {
  CALLBACK,
  CLIENT_SECRET,
  consent as consentAt,
  PUBLIC_URL,
  sandboxConnector,
  startFlow,
  startSandboxServer,
} from '../test/sandbox.js';

// The whole authorization code flow against a real provider on loopback (the sandbox), with the
// browser's part (consent form, redirect) played by fetch.
let server: Awaited<ReturnType<typeof startSandboxServer>>;
let sandbox: Sandbox;
let sandboxUrl: string;
let t: TestContext;
let key: string;
let token: string;

beforeAll(async () => {
  server = await startSandboxServer();
  sandboxUrl = server.url;
});
afterAll(() => server.close());

beforeEach(async () => {
  sandbox = server.reset();
  t = await createTestContext({ publicUrl: PUBLIC_URL, allowInsecureOAuthEndpoints: true });
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, sandboxConnector(sandboxUrl));
  token = await t.mintSession(key);
});
afterEach(() => t.close());

const start = (body: Record<string, unknown> = {}) => startFlow(t, token, body);
const consent = (authorizationUrl: string, decision: 'approve' | 'deny' = 'approve') =>
  consentAt(sandboxUrl, authorizationUrl, decision);

const callback = (url: URL) => t.request('GET', `${url.pathname}${url.search}`);

async function connections() {
  return (await t.request('GET', '/v1/connections', { key })).json.data as {
    authKind: string;
    maskedCredentials: Record<string, string>;
  }[];
}

describe('OAuth 2.0 authorization code flow', () => {
  it('asks the provider with state, PKCE S256, scopes and the one redirect URI', async () => {
    const url = new URL((await start()).authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${sandboxUrl}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'plugboard',
      redirect_uri: CALLBACK,
      scope: 'contacts profile',
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
    expect(Buffer.from(url.searchParams.get('state') ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);
    const again = new URL((await start()).authorizationUrl);
    expect(again.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));
    expect(again.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
  });

  it('connects: exchanges the code, stores the tokens encrypted, and reports only the flow id and status', async () => {
    const flow = await start();
    const back = await consent(flow.authorizationUrl);
    const page = await callback(back);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`"flowId":"${flow.id}"`);
    expect(page.text).toContain('"status":"connected"');
    expect(page.text).toContain(JSON.stringify(ORIGIN));
    expect(page.text).not.toContain(back.searchParams.get('code'));
    expect(page.text).not.toMatch(/postMessage\([^)]*'\*'/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.text).not.toMatch(/(src|href)=["']https?:/);

    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json).toMatchObject({
      status: 'connected',
      error: null,
      connection: { authKind: 'oauth2', label: 'Acme CRM' },
    });
    const [stored] = await connections();
    expect(Object.keys(stored?.maskedCredentials ?? {}).sort()).toEqual(
      ['accessToken', 'expiresAt', 'obtainedAt', 'refreshToken', 'scope', 'tokenType'].sort(),
    );
    expect(stored?.maskedCredentials.accessToken).toMatch(/^••••/);
  });

  it('keeps tokens and the client secret out of responses and the database file', async () => {
    const flow = await start();
    await callback(await consent(flow.authorizationUrl));
    const connector = await t.request('GET', '/v1/connectors/acme-crm', { key });
    expect(connector.text).not.toContain(CLIENT_SECRET);
    expect(connector.json.authMethods[0].hasClientSecret).toBe(true);
    const bytes = await t.databaseBytes();
    expect(bytes.includes(CLIENT_SECRET)).toBe(false);
    expect(bytes.includes('sbx_at_')).toBe(false);
    expect(bytes.includes('sbx_rt_')).toBe(false);
    expect(t.logLines.join('\n')).not.toContain('sbx_');
  });

  it('accepts a state once: a replayed callback fails and stores nothing more', async () => {
    const back = await consent((await start()).authorizationUrl);
    expect((await callback(back)).status).toBe(200);
    const replay = await callback(back);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('"status":"failed"');
    expect(await connections()).toHaveLength(1);
  });

  it('lets only one of two simultaneous callbacks with one state through', async () => {
    const back = await consent((await start()).authorizationUrl);
    const statuses = (await Promise.all([callback(back), callback(back)])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 400]);
    expect(await connections()).toHaveLength(1);
  });

  it.each([
    ['an unknown state', (url: URL) => url.searchParams.set('state', 'forged')],
    ['no state', (url: URL) => url.searchParams.delete('state')],
  ])('refuses %s without calling the token endpoint', async (_, tamper) => {
    const back = await consent((await start()).authorizationUrl);
    tamper(back);
    expect((await callback(back)).status).toBe(400);
    expect(sandbox.tokens.calls.authorization_code).toBe(0);
    expect(await connections()).toEqual([]);
  });

  it('reports a denied consent as access_denied and consumes the state', async () => {
    const flow = await start();
    const back = await consent(flow.authorizationUrl, 'deny');
    expect((await callback(back)).status).toBe(400);
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json).toMatchObject({ status: 'failed', error: { code: 'access_denied' } });
    expect(await connections()).toEqual([]);
  });

  it('refuses a response from another issuer (mix-up) and stores nothing', async () => {
    const flow = await start();
    const back = await consent(flow.authorizationUrl);
    back.searchParams.set('iss', 'https://evil.example');
    expect((await callback(back)).status).toBe(400);
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json.error.code).toBe('issuer_mismatch');
    expect(sandbox.tokens.calls.authorization_code).toBe(0);
    expect(await connections()).toEqual([]);
  });

  it('refuses a response without iss when the connector knows its issuer', async () => {
    const back = await consent((await start()).authorizationUrl);
    back.searchParams.delete('iss');
    expect((await callback(back)).status).toBe(400);
    expect(sandbox.tokens.calls.authorization_code).toBe(0);
    expect(await connections()).toEqual([]);
  });

  it('refuses an expired flow without calling the token endpoint', async () => {
    const flow = await start();
    const back = await consent(flow.authorizationUrl);
    t.clock.offsetMs = 11 * 60 * 1000;
    expect((await callback(back)).status).toBe(400);
    t.clock.offsetMs = 0;
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json.error.code).toBe('flow_expired');
    expect(sandbox.tokens.calls.authorization_code).toBe(0);
  });

  it('refuses to start for another origin, a connector without a secret, or a non-OAuth method', async () => {
    const badOrigin = await t.request('POST', '/v1/session/oauth/flows', {
      key: token,
      body: { connector: 'acme-crm', returnOrigin: 'https://evil.example' },
    });
    expect(badOrigin.status).toBe(400);
    await t.createConnector(key, {
      name: 'No Secret',
      authMethods: [
        { kind: 'oauth2', authorizationUrl: `${sandboxUrl}/a`, tokenUrl: `${sandboxUrl}/t`, clientId: 'x' },
      ],
    });
    await t.createConnector(key, { name: 'Keyed', authMethods: [{ kind: 'apiKey' }] });
    const fresh = await t.mintSession(key);
    const noSecret = await t.request('POST', '/v1/session/oauth/flows', {
      key: fresh,
      body: { connector: 'no-secret' },
    });
    expect([noSecret.status, noSecret.json.error.code]).toEqual([400, 'oauth_not_configured']);
    const keyed = await t.request('POST', '/v1/session/oauth/flows', { key: fresh, body: { connector: 'keyed' } });
    expect(keyed.json.error.code).toBe('auth_method_not_supported');
  });

  it('sends a redirect-mode browser back to its page with only the flow id in the fragment', async () => {
    const flow = await start({ returnTo: `${ORIGIN}/settings?tab=apps#old` });
    const page = await callback(await consent(flow.authorizationUrl));
    expect(page.status).toBe(200);
    expect(page.text).toContain(JSON.stringify(`${ORIGIN}/settings?tab=apps#old`));
    expect(page.text).toContain("'#plugboard-flow='");
    const elsewhere = await t.request('POST', '/v1/session/oauth/flows', {
      key: token,
      body: { connector: 'acme-crm', returnTo: 'https://evil.example/steal' },
    });
    expect([elsewhere.status, elsewhere.json.error.details.issues[0].path]).toEqual([400, 'returnTo']);
  });

  it('hides flows of other tenants', async () => {
    const flow = await start();
    const other = await t.mintSession(key, { tenantId: 'tenant-b' });
    expect((await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: other })).status).toBe(404);
  });
});

describe('OAuth endpoints over plain http', () => {
  it('are refused unless the deployment allows them (local sandboxes only)', async () => {
    const strict = await createTestContext({ publicUrl: PUBLIC_URL });
    const strictKey = (await strict.createOrganization()).secretKey;
    await strict.createConnector(strictKey, {
      name: 'Plain',
      authMethods: [
        {
          kind: 'oauth2',
          authorizationUrl: 'http://a.example/a',
          tokenUrl: 'http://a.example/t',
          clientId: 'c',
          clientSecret: 's',
        },
      ],
    });
    const session = await strict.mintSession(strictKey);
    const response = await strict.request('POST', '/v1/session/oauth/flows', {
      key: session,
      body: { connector: 'plain' },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'oauth_not_configured']);
    await strict.close();
  });
});
