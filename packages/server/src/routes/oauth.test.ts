import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@plugboard/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import {
  CALLBACK,
  CLIENT_SECRET,
  connectWithSandbox,
  consent as consentAt,
  PUBLIC_URL,
  sandboxAppOptions,
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
  t = await createTestContext(sandboxAppOptions(sandboxUrl));
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
  });

  it('shows admins that the OAuth tokens exist and nothing of them, with the grant’s type, scope and expiry', async () => {
    await callback(await consent((await start()).authorizationUrl));
    const [stored] = await connections();
    expect(stored?.maskedCredentials).toEqual({
      accessToken: '••••••••',
      refreshToken: '••••••••',
      tokenType: expect.stringMatching(/^bearer$/i),
      scope: 'contacts profile',
      obtainedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
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

  it('accepts a state once: a replayed callback fails, stores nothing more and leaves the flow connected', async () => {
    const flow = await start();
    const back = await consent(flow.authorizationUrl);
    expect((await callback(back)).status).toBe(200);
    const exchanges = sandbox.tokens.calls.authorization_code;
    const replay = await callback(back);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('"status":"failed"');
    expect(replay.text).toContain('"flowId":null');
    expect(sandbox.tokens.calls.authorization_code).toBe(exchanges);
    expect(await connections()).toHaveLength(1);
    // A widget still polling the flow must keep seeing the first result.
    const polled = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(polled.json).toMatchObject({ status: 'connected', error: null, connection: { authKind: 'oauth2' } });
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
    const page = await callback(back);
    expect(page.status).toBe(400);
    expect(page.text).toContain('<p>Access was declined, so nothing was connected. You can close this window.</p>');
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

describe('a wrong client secret', () => {
  const WRONG_SECRET = 'wrong-client-secret-9f3e';
  const useWrongSecret = async () => {
    const [method] = sandboxConnector(sandboxUrl).authMethods;
    const patched = await t.request('PATCH', '/v1/connectors/acme-crm', {
      key,
      body: { authMethods: [{ ...method, clientSecret: WRONG_SECRET }] },
    });
    expect(patched.status, patched.text).toBe(200);
  };

  it('tells the vendor the provider rejected the client credentials, logs its error, and the person the kind of failure', async () => {
    await useWrongSecret();
    const flow = await start();
    const page = await callback(await consent(flow.authorizationUrl));
    expect(page.status).toBe(400);
    expect(page.text).toContain('<p>The app’s connection to this service is not set up correctly');
    expect(page.text).not.toContain('client');
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json.error).toEqual({
      code: 'invalid_client',
      message: expect.stringContaining('The provider rejected the client credentials'),
    });
    const logged = t.logLines.map((line) => JSON.parse(line)).find((entry) => entry.event === 'oauth.provider_error');
    expect(logged).toMatchObject({ flowId: flow.id, providerError: 'invalid_client', status: 401 });
    expect(t.logLines.join('\n')).not.toContain(WRONG_SECRET);
    expect(await connections()).toEqual([]);
  });

  it('fails the connection test with the same words, once, without retrying the token endpoint', async () => {
    const connectionId = await connectWithSandbox(t, token, sandboxUrl);
    await useWrongSecret();
    t.clock.offsetMs = 2 * 60 * 60 * 1000;
    const test = await t.request('POST', `/v1/connections/${connectionId}/test`, { key });
    expect(test.json).toMatchObject({ result: 'failed', status: 'active' });
    expect(test.json.message).toContain('The provider rejected the client credentials');
    const events = t.logLines.map((line) => JSON.parse(line).event);
    expect(events).toContain('refresh.provider_error');
    expect(events).not.toContain('refresh.retry');
  });
});

describe('OAuth endpoints over plain http', () => {
  const plain = (field: 'authorizationUrl' | 'tokenUrl' | 'revocationUrl') => ({
    kind: 'oauth2' as const,
    authorizationUrl: 'https://a.example/a',
    tokenUrl: 'https://a.example/t',
    revocationUrl: 'https://a.example/r',
    clientId: 'c',
    clientSecret: 's',
    [field]: `http://a.example/${field}`,
  });

  it.each(['authorizationUrl', 'tokenUrl', 'revocationUrl'] as const)(
    'refuses a connector with an http %s on save, on that field, unless the deployment allows it',
    async (field) => {
      const strict = await createTestContext({ publicUrl: PUBLIC_URL });
      const strictKey = (await strict.createOrganization()).secretKey;
      const created = await strict.request('POST', '/v1/connectors', {
        key: strictKey,
        body: { name: 'Plain', authMethods: [plain(field)] },
      });
      expect([created.status, created.json.error.code]).toEqual([400, 'validation_failed']);
      expect(created.json.error.details.issues).toEqual([
        { path: `authMethods.0.${field}`, message: expect.stringContaining('PLUGBOARD_ALLOW_INSECURE_OAUTH') },
      ]);
      const existing = await strict.createConnector(strictKey, { name: 'Existing', authMethods: [{ kind: 'bearer' }] });
      const patched = await strict.request('PATCH', `/v1/connectors/${existing.id}`, {
        key: strictKey,
        body: { authMethods: [plain(field)] },
      });
      expect([patched.status, patched.json.error.details.issues[0].path]).toEqual([400, `authMethods.0.${field}`]);
      expect((await strict.request('GET', '/v1/connectors', { key: strictKey })).json.data).toHaveLength(1);
      await strict.close();

      const development = await createTestContext({ publicUrl: PUBLIC_URL, allowInsecureOAuthEndpoints: true });
      const developmentKey = (await development.createOrganization()).secretKey;
      await development.createConnector(developmentKey, { name: 'Plain', authMethods: [plain(field)] });
      await development.close();
    },
  );
});

describe('the redirect URI', () => {
  it('is the same for every flow, whatever Host the request names', async () => {
    const headers = { host: 'evil.example' };
    const forged = await t.request('POST', 'http://evil.example/v1/session/oauth/flows', {
      key: token,
      headers,
      body: { connector: 'acme-crm', returnOrigin: ORIGIN },
    });
    expect(forged.status, forged.text).toBe(201);
    const plain = await start();
    const redirectUri = (flow: { authorizationUrl: string }) =>
      new URL(flow.authorizationUrl).searchParams.get('redirect_uri');
    expect(redirectUri(forged.json)).toBe(CALLBACK);
    expect(redirectUri(plain)).toBe(CALLBACK);
  });

  it('is never taken from the request: without a public URL no flow starts', async () => {
    const { egressAllowHosts, allowInsecureOAuthEndpoints } = sandboxAppOptions(sandboxUrl);
    const bare = await createTestContext({ egressAllowHosts, allowInsecureOAuthEndpoints });
    const bareKey = (await bare.createOrganization()).secretKey;
    await bare.createConnector(bareKey, sandboxConnector(sandboxUrl));
    const response = await bare.request('POST', 'http://evil.example/v1/session/oauth/flows', {
      key: await bare.mintSession(bareKey),
      body: { connector: 'acme-crm' },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'oauth_not_configured']);
    expect(response.json.error.message).toContain('PLUGBOARD_PUBLIC_URL');
    await bare.close();
  });
});

describe('the egress policy on OAuth endpoints', () => {
  /** A local server outside the allowlist that counts what reaches it. */
  async function bystander() {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, hits, close: () => new Promise<void>((done) => server.close(() => done())) };
  }

  /** Changes the stored connector behind the API's back, as a connector saved before the policy would be. */
  async function retarget(fields: Record<string, string>) {
    const id = (await t.request('GET', '/v1/connectors/acme-crm', { key })).json.id;
    const record = await t.store.getConnector(id);
    if (!record) throw new Error('no connector');
    const authMethods = record.authMethods.map((method) => ({ ...method, ...fields }));
    await t.store.updateConnector({ ...record, authMethods } as typeof record);
  }

  const oauthMethod = (fields: Record<string, string>) => ({
    ...sandboxConnector(sandboxUrl),
    name: 'Internal',
    authMethods: [{ ...sandboxConnector(sandboxUrl).authMethods[0], ...fields }],
  });

  it.each([
    ['tokenUrl', 'http://169.254.169.254/latest/meta-data/'],
    ['tokenUrl', 'http://127.1/token'],
    ['tokenUrl', 'http://2130706433/token'],
    ['tokenUrl', 'http://0x7f.1/token'],
    ['tokenUrl', 'http://[::ffff:7f00:1]/token'],
    ['tokenUrl', 'http://[64:ff9b::a9fe:a9fe]/token'],
    ['authorizationUrl', 'http://10.0.0.1/authorize'],
    ['revocationUrl', 'http://localhost:9/revoke'],
  ])('refuses to save a connector whose %s is %s', async (field, url) => {
    const response = await t.request('POST', '/v1/connectors', { key, body: oauthMethod({ [field]: url }) });
    expect([response.status, response.json.error.code]).toEqual([400, 'validation_failed']);
    expect(response.json.error.details.issues[0]).toMatchObject({
      path: `authMethods.0.${field}`,
      message: expect.stringContaining('egress policy'),
    });
  });

  it('refuses to change a connector’s token URL to the metadata address', async () => {
    const response = await t.request('PATCH', '/v1/connectors/acme-crm', {
      key,
      body: { authMethods: [oauthMethod({ tokenUrl: 'http://169.254.169.254/' }).authMethods[0]] },
    });
    expect([response.status, response.json.error.details.issues[0].path]).toEqual([400, 'authMethods.0.tokenUrl']);
  });

  it('accepts loopback endpoints on the allowlisted host:port only', async () => {
    const other = `http://127.0.0.1:${Number(new URL(sandboxUrl).port) + 1}`;
    const elsewhere = await t.request('POST', '/v1/connectors', { key, body: oauthMethod({ tokenUrl: `${other}/t` }) });
    expect(elsewhere.status).toBe(400);
    const listed = await t.request('POST', '/v1/connectors', { key, body: oauthMethod({}) });
    expect(listed.status).toBe(201);
  });

  it('refuses to start a flow for a connector whose endpoints it blocks', async () => {
    await retarget({ authorizationUrl: 'http://169.254.169.254/authorize' });
    const response = await t.request('POST', '/v1/session/oauth/flows', {
      key: token,
      body: { connector: 'acme-crm' },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'egress_blocked']);
    expect(response.json.error.message).toContain('authorizationUrl');
  });

  it('refuses the code exchange with a blocked token URL: no request, nothing stored', async () => {
    const target = await bystander();
    const flow = await start();
    const back = await consent(flow.authorizationUrl);
    await retarget({ tokenUrl: `${target.url}/token` });
    expect((await callback(back)).status).toBe(400);
    const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(status.json).toMatchObject({ status: 'failed', error: { code: 'egress_blocked' } });
    expect(status.json.error.message).toContain('loopback');
    expect(target.hits).toEqual([]);
    expect(sandbox.tokens.calls.authorization_code).toBe(0);
    expect(await connections()).toEqual([]);
    await target.close();
  });

  it('refuses a refresh at a blocked token URL without calling it, and keeps the stored tokens', async () => {
    const target = await bystander();
    const flow = await start();
    await callback(await consent(flow.authorizationUrl));
    const [connection] = (await t.request('GET', '/v1/connections', { key })).json.data as { id: string }[];
    const before = await t.store.getCredentials(connection?.id ?? '');
    await retarget({ tokenUrl: `${target.url}/token` });
    t.clock.offsetMs = 10 * 60_000;
    const response = await t.request('GET', `/v1/connections/${connection?.id}/credentials`, { key });
    expect([response.status, response.json.error.code]).toEqual([502, 'egress_blocked']);
    expect(target.hits).toEqual([]);
    expect(await t.store.getCredentials(connection?.id ?? '')).toEqual(before);
    expect((await t.request('GET', `/v1/connections/${connection?.id}`, { key })).json.status).toBe('active');
    await target.close();
  });

  it('skips revocation at a blocked revocation URL and still deletes the connection', async () => {
    const target = await bystander();
    const flow = await start();
    await callback(await consent(flow.authorizationUrl));
    const [connection] = (await t.request('GET', '/v1/connections', { key })).json.data as { id: string }[];
    await retarget({ revocationUrl: `${target.url}/revoke` });
    expect((await t.request('DELETE', `/v1/connections/${connection?.id}`, { key })).status).toBe(204);
    expect(target.hits).toEqual([]);
    expect(t.logLines.some((line) => line.includes('revocation.failed') && line.includes('EgressBlockedError'))).toBe(
      true,
    );
    await target.close();
  });
});
