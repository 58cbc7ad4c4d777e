import type { ConnectorCreate } from '@plugboard/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { consent, PUBLIC_URL, sandboxConnector, startFlow, startSandboxServer } from '../test/sandbox.js';
import { startThirdParty } from '../test/third-party.js';

// Two customers of one per-customer API: each on its own loopback port, reached as http://127.0.0.1:{port}.
let acme: Awaited<ReturnType<typeof startThirdParty>>;
let globex: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
beforeAll(async () => {
  [acme, globex] = await Promise.all([startThirdParty(), startThirdParty()]);
});
afterAll(() => Promise.all([acme.close(), globex.close()]));
beforeEach(() => {
  acme.seen.length = 0;
  globex.seen.length = 0;
});
afterEach(() => t.close());

const portOf = (url: string) => new URL(url).port;
const statusAction = { key: 'status', name: 'Status', method: 'GET' as const, path: '/status', verify: true };

async function setUp(connector: Partial<ConnectorCreate>, egressAllowHosts = ['127.0.0.1']) {
  t = await createTestContext({ egressAllowHosts, publicUrl: PUBLIC_URL, allowInsecureOAuthEndpoints: true });
  const key = (await t.createOrganization()).secretKey;
  const created = await t.request('POST', '/v1/connectors', {
    key,
    body: { name: 'Per Customer', slug: 'per-customer', authMethods: [{ kind: 'none' }], ...connector },
  });
  expect(created.status, created.text).toBe(201);
  const token = await t.mintSession(key);
  const connect = (variables: Record<string, string>) =>
    t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'per-customer', variables } });
  return { key, token, connect, connector: created.json };
}

const portConnector = {
  apiBaseUrl: 'http://127.0.0.1:{port}/v2',
  variables: [{ name: 'port', label: 'Port', example: '4401' }],
  actions: [statusAction],
};

describe('connection variables', () => {
  it("connects with the end user's value and runs actions on that customer's host only", async () => {
    const { key, token, connect } = await setUp(portConnector);
    const card = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(card.json.data[0].variables).toEqual([
      { name: 'port', label: 'Port', example: '4401', pattern: expect.stringContaining('6553[0-5]') },
    ]);

    const created = await connect({ port: portOf(globex.url) });
    expect(created.status, created.text).toBe(201);
    expect(created.json.variables).toEqual({ port: portOf(globex.url) });
    const ran = await t.request('POST', '/v1/actions/run', {
      key,
      body: { connectionId: created.json.id, action: 'status' },
    });
    expect(ran.status, ran.text).toBe(200);
    expect(ran.json.request.url).toBe(`${globex.url}/v2/status`);
    expect(globex.seen.map((request) => request.url)).toEqual(['/v2/status']);
    expect(acme.seen).toEqual([]);

    const proxied = await t.request('POST', '/v1/proxy', {
      key,
      body: { connectionId: created.json.id, method: 'GET', path: '/things' },
    });
    expect(proxied.status, proxied.text).toBe(200);
    expect(globex.seen.at(-1)?.url).toBe('/v2/things');

    // The values are part of the connection in every read: session, admin and the credentials fetch.
    const listed = await t.request('GET', '/v1/session/connections', { key: token });
    expect(listed.json.data[0].variables).toEqual({ port: portOf(globex.url) });
    const admin = await t.request('GET', `/v1/connections/${created.json.id}`, { key });
    expect(admin.json.variables).toEqual({ port: portOf(globex.url) });
    const credentials = await t.request('GET', `/v1/connections/${created.json.id}/credentials`, { key });
    expect(credentials.json.variables).toEqual({ port: portOf(globex.url) });
  });

  it.each([
    ['evil.com/', 'shop'],
    ['evil.com', 'shop'],
    ['a@evil.com', 'shop'],
    ['acme:8080', 'shop'],
    ['..', 'shop'],
    ['a%2fb', 'shop'],
    ['', 'shop'],
  ])('refuses a host value of %j with validation_failed and stores nothing', async (value) => {
    const { token, connect } = await setUp({
      apiBaseUrl: 'https://{shop}.myshopify.com/admin',
      variables: [{ name: 'shop', label: 'Shop', example: 'acme-store' }],
    });
    const refused = await connect({ shop: value });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.error.code).toBe('validation_failed');
    expect(refused.json.error.details.issues[0].path).toBe('variables.shop');
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toEqual([]);
  });

  it.each(['..', '%2f', 'a/b', 'x?admin=1', '4401@evil.com'])('refuses a path or port value of %j', async (value) => {
    const { connect } = await setUp({
      apiBaseUrl: 'http://127.0.0.1:{port}/{site}',
      variables: [
        { name: 'port', label: 'Port', example: '4401' },
        { name: 'site', label: 'Site', example: 'main' },
      ],
    });
    for (const variables of [
      { port: portOf(acme.url), site: value },
      { port: value, site: 'main' },
    ]) {
      const refused = await connect(variables);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.json.error.code).toBe('validation_failed');
    }
    expect(acme.seen).toEqual([]);
  });

  it('refuses a value whose resulting host is a private address, with egress_blocked', async () => {
    const { connect } = await setUp(
      {
        apiBaseUrl: `http://127.0.0.{last}:${portOf(acme.url)}/v2`,
        variables: [{ name: 'last', label: 'Last octet', example: '1', pattern: '[0-9]{1,3}' }],
        actions: [statusAction],
      },
      [new URL(acme.url).host],
    );
    const refused = await connect({ last: '2' });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.error.code).toBe('egress_blocked');
    expect(refused.json.error.message).toContain('127.0.0.2');
    expect((await connect({ last: '1' })).status).toBe(201);
  });

  it('asks for every declared variable and refuses names the connector does not declare', async () => {
    const { connect } = await setUp(portConnector);
    const missing = await connect({});
    expect(missing.json.error.details.issues).toEqual([{ path: 'variables.port', message: 'Enter Port' }]);
    const unknown = await connect({ port: portOf(acme.url), region: 'eu' });
    expect(unknown.json.error.details.issues).toEqual([
      { path: 'variables.region', message: 'Per Customer has no variable named region' },
    ]);
  });

  it('refuses a connector whose URLs use an undeclared placeholder, or that declares one it never uses', async () => {
    t = await createTestContext();
    const key = (await t.createOrganization()).secretKey;
    const base = { name: 'Shop', authMethods: [{ kind: 'none' }] };
    const undeclared = await t.request('POST', '/v1/connectors', {
      key,
      body: { ...base, apiBaseUrl: 'https://{shop}.myshopify.com' },
    });
    expect(undeclared.status).toBe(400);
    expect(undeclared.json.error.details.issues[0]).toEqual({
      path: 'apiBaseUrl',
      message: 'Uses {shop}: declare a variable named shop',
    });
    const unused = await t.request('POST', '/v1/connectors', {
      key,
      body: { ...base, apiBaseUrl: 'https://api.example.com', variables: [{ name: 'shop', label: 'S', example: 'a' }] },
    });
    expect(unused.status).toBe(400);
    expect(unused.json.error.details.issues[0].path).toBe('variables.0.name');
  });
});

describe('connection variables in OAuth 2.0', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
  beforeAll(async () => {
    sandbox = await startSandboxServer();
  });
  afterAll(() => sandbox.close());

  it('sends the end user to the authorize URL of their value, exchanges the code there and keeps the value', async () => {
    const template = sandboxConnector('http://127.0.0.1:{port}');
    const { key, token } = await setUp({
      ...template,
      slug: 'acme-crm',
      apiBaseUrl: 'http://127.0.0.1:{port}/api',
      variables: [{ name: 'port', label: 'Port', example: '4401' }],
      authMethods: template.authMethods.map((method) => ({ ...method, issuer: sandbox.url })),
      actions: [{ key: 'me', name: 'Me', method: 'GET', path: '/me' }],
    });
    const refused = await t.request('POST', '/v1/session/oauth/flows', {
      key: token,
      body: { connector: 'acme-crm', variables: { port: 'evil.com' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.issues[0].path).toBe('variables.port');

    const flow = await startFlow(t, token, { variables: { port: portOf(sandbox.url) } });
    expect(flow.authorizationUrl.startsWith(`${sandbox.url}/oauth/authorize?`)).toBe(true);
    const back = await consent(sandbox.url, flow.authorizationUrl);
    expect((await t.request('GET', `${back.pathname}${back.search}`)).status).toBe(200);
    const done = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
    expect(done.json.status, done.text).toBe('connected');
    expect(done.json.connection.variables).toEqual({ port: portOf(sandbox.url) });
    const me = await t.request('POST', '/v1/actions/run', {
      key,
      body: { connectionId: done.json.connection.id, action: 'me' },
    });
    expect(me.status, me.text).toBe(200);
    expect(me.json.request.url).toBe(`${sandbox.url}/api/me`);
  });
});
