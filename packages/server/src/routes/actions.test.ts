import type { IncomingMessage } from 'node:http';
import type { ActionDefinitionInput, AuthMethodInput } from '@plugboard/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from '../app.js';
import type { CustomAuthHandler } from '../custom-auth/handler.js';
import { openStore } from '../storage/open-store.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from '../test/sandbox.js';
import { startThirdParty } from '../test/third-party.js';

const customHandler: CustomAuthHandler = {
  fields: [{ name: 'token', label: 'Token', secret: true }],
  connect: async (fields) => ({ token: fields.token ?? '' }),
  apply: ({ url, headers }, credentials) => {
    headers.set('X-Acme-Token', credentials.token ?? '');
    url.searchParams.set('sig', 'signed');
  },
};

const echoActions: ActionDefinitionInput[] = [
  { key: 'status', name: 'Status', method: 'GET', path: '/status', verify: true },
  {
    key: 'get-thing',
    name: 'Get a thing',
    method: 'GET',
    path: '/things/{id}',
    input: {
      type: 'object',
      properties: {
        id: { type: 'string', 'x-in': 'path', minLength: 1 },
        expand: { type: 'boolean', 'x-in': 'query' },
        'x-trace': { type: 'string', 'x-in': 'header' },
      },
      required: ['id'],
    },
  },
  {
    key: 'create-thing',
    name: 'Create a thing',
    method: 'POST',
    path: '/things',
    input: {
      type: 'object',
      properties: { name: { type: 'string' }, size: { type: 'integer', minimum: 1 } },
      required: ['name'],
    },
  },
  {
    key: 'invite',
    name: 'Invite someone',
    method: 'POST',
    path: '/invites',
    input: {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        team: { $ref: '#/$defs/team' },
        role: { anyOf: [{ enum: ['admin', 'member'] }, { type: 'string', pattern: '^custom:' }] },
        channel: {
          oneOf: [
            { type: 'object', properties: { slack: { type: 'string' } }, required: ['slack'] },
            { type: 'object', properties: { sms: { type: 'string' } }, required: ['sms'] },
          ],
        },
        note: { allOf: [{ type: 'string' }, { maxLength: 5 }] },
      },
      required: ['email'],
      $defs: { team: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
    },
  },
];

let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
beforeAll(async () => {
  [sandbox, api] = await Promise.all([startSandboxServer(), startThirdParty()]);
});
afterAll(() => Promise.all([sandbox.close(), api.close()]));
afterEach(() => t.close());
beforeEach(() => {
  api.seen.length = 0;
  api.answer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true }));
  });
});

/** A context whose egress allowlist holds the loopback third party, an organization, and a connection of `method`. */
async function connectEcho(
  method: AuthMethodInput,
  credentials: Record<string, string>,
  outbound = {},
  appOptions: Partial<AppOptions> = {},
) {
  t = await createTestContext({
    egressAllowHosts: [new URL(api.url).host],
    customAuth: { acme: customHandler },
    outbound,
    ...appOptions,
  });
  const key = (await t.createOrganization()).secretKey;
  const connector = await t.createConnector(key, {
    name: 'Echo',
    slug: 'echo',
    apiBaseUrl: `${api.url}/v2`,
    authMethods: [method],
    actions: echoActions,
  });
  const token = await t.mintSession(key);
  const created = await t.request('POST', '/v1/session/connections', {
    key: token,
    body: { connector: 'echo', credentials },
  });
  expect(created.status, created.text).toBe(201);
  return { key, connectorId: connector.id as string, connectionId: created.json.id as string };
}

const run = (key: string, body: Record<string, unknown>) => t.request('POST', '/v1/actions/run', { key, body });

describe('running an action', () => {
  it('holds each tenant to its call budget with 429 and Retry-After, sending nothing over it', async () => {
    const budget = { burst: 2, perSecond: 0.5 };
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {}, {}, { tenantRateLimit: budget });
    expect((await run(key, { connectionId, action: 'status' })).status).toBe(200);
    expect((await run(key, { connectionId, action: 'status' })).status).toBe(200);
    const refused = await run(key, { connectionId, action: 'status' });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(api.seen).toHaveLength(2);

    // Another tenant of the same organization has a budget of its own.
    const other = await t.mintSession(key, { tenantId: 'another-tenant' });
    const created = await t.request('POST', '/v1/session/connections', { key: other, body: { connector: 'echo' } });
    const again = await run(key, { connectionId: created.json.id, action: 'status' });
    expect(again.status, again.text).toBe(200);

    t.clock.offsetMs += 2000;
    expect((await run(key, { connectionId, action: 'status' })).status).toBe(200);
  });

  it("shares a tenant's call budget between two servers on one database: replicas do not multiply it", async () => {
    const budget = { burst: 3, perSecond: 0.001 };
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {}, {}, { tenantRateLimit: budget });
    const store = await openStore(t.databaseUrl);
    try {
      const replica = createApp({
        store,
        keyring: t.keyring,
        egressAllowHosts: [new URL(api.url).host],
        tenantRateLimit: budget,
      });
      const onReplica = async () =>
        (
          await replica.request('/v1/actions/run', {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ connectionId, action: 'status' }),
          })
        ).status;
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(i % 2 ? await onReplica() : (await run(key, { connectionId, action: 'status' })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      expect(api.seen).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it.each([
    [
      'none',
      { kind: 'none' },
      {},
      (h: IncomingMessage['headers'], u: string) => !h.authorization && u === '/v2/status',
    ],
    [
      'basic',
      { kind: 'basic' },
      { username: 'ada', password: 'hunter2-long-pass' },
      (h: IncomingMessage['headers']) =>
        h.authorization === `Basic ${Buffer.from('ada:hunter2-long-pass').toString('base64')}`,
    ],
    [
      'bearer',
      { kind: 'bearer' },
      { token: 'tok_live_0123456789' },
      (h: IncomingMessage['headers']) => h.authorization === 'Bearer tok_live_0123456789',
    ],
    [
      'an API key header',
      { kind: 'apiKey', in: 'header', name: 'X-Echo-Key' },
      { apiKey: 'key_live_0123456789' },
      (h: IncomingMessage['headers']) => h['x-echo-key'] === 'key_live_0123456789',
    ],
    [
      'an API key query parameter',
      { kind: 'apiKey', in: 'query', name: 'api_key' },
      { apiKey: 'key_live_0123456789' },
      (_: IncomingMessage['headers'], u: string) => u === '/v2/status?api_key=key_live_0123456789',
    ],
    [
      'a custom handler',
      { kind: 'custom', handler: 'acme' },
      { token: 'cus_0123456789abc' },
      (h: IncomingMessage['headers'], u: string) =>
        h['x-acme-token'] === 'cus_0123456789abc' && u === '/v2/status?sig=signed',
    ],
  ] as const)(
    'injects %s credentials and masks them in the request it reports',
    async (_, method, credentials, check) => {
      const { key, connectionId } = await connectEcho(method as AuthMethodInput, credentials);
      const response = await run(key, { connectionId, action: 'status' });
      expect(response.status, response.text).toBe(200);
      expect(response.json).toMatchObject({ status: 200, body: { ok: true }, request: { method: 'GET' } });
      const seen = api.seen[0];
      expect(seen && check(seen.headers, seen.url)).toBe(true);
      for (const secret of Object.values(credentials).filter((value) => value !== 'ada')) {
        expect(response.text).not.toContain(secret);
      }
    },
  );

  it.each([
    ['a password', 'nothing', { kind: 'basic' }, { username: 'ada', password: 'hunter2-long-pass' }, 'authorization'],
    [
      'a custom credential',
      'nothing',
      { kind: 'custom', handler: 'acme' },
      { token: 'cus_0123456789abc' },
      'x-acme-token',
    ],
    [
      'a typed bearer token',
      'its last four characters',
      { kind: 'bearer' },
      { token: 'tok_live_0123456789' },
      'authorization',
    ],
  ] as const)('reports %s on the request with %s of it', async (_, shown, method, credentials, header) => {
    const { key, connectionId } = await connectEcho(method as AuthMethodInput, credentials);
    const response = await run(key, { connectionId, action: 'status' });
    expect(response.json.request.headers[header]).toBe(shown === 'nothing' ? '••••••••' : '••••6789');
  });

  it('fills the path template, query and headers from the input, and sends the rest as a JSON body', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'bearer' }, { token: 'tok_live_0123456789' });
    const read = await run(key, {
      connectionId,
      action: 'get-thing',
      input: { id: 'a/b c', expand: true, 'x-trace': 'tr1' },
    });
    expect(read.status, read.text).toBe(200);
    expect(api.seen[0]).toMatchObject({ method: 'GET', url: '/v2/things/a%2Fb%20c?expand=true' });
    expect(api.seen[0]?.headers['x-trace']).toBe('tr1');
    const created = await run(key, { connectionId, action: 'create-thing', input: { name: 'Widget', size: 2 } });
    expect(created.status).toBe(200);
    expect(api.seen[1]).toMatchObject({ method: 'POST', url: '/v2/things', body: '{"name":"Widget","size":2}' });
    expect(api.seen[1]?.headers['content-type']).toBe('application/json');
  });

  it.each([
    ['a missing required field', 'get-thing', {}, 'input.id'],
    ['a wrong type', 'create-thing', { name: 'x', size: 'big' }, 'input.size'],
    ['a value under the minimum', 'create-thing', { name: 'x', size: 0 }, 'input.size'],
    ['a field the action does not have', 'create-thing', { name: 'x', admin: true }, 'input.admin'],
    ['a path value that is a dot segment', 'get-thing', { id: '..' }, 'input.id'],
    ['an email that is not one (format)', 'invite', { email: 'nope' }, 'input.email'],
    ['a $ref’d object missing its id', 'invite', { email: 'a@example.com', team: {} }, 'input.team.id'],
    ['a value matching no anyOf branch', 'invite', { email: 'a@example.com', role: 'owner' }, 'input.role'],
    [
      'a value matching two oneOf branches',
      'invite',
      { email: 'a@example.com', channel: { slack: 'a', sms: 'b' } },
      'input.channel',
    ],
    ['a value failing one allOf branch', 'invite', { email: 'a@example.com', note: 'too long' }, 'input.note'],
  ])('refuses %s with 400 validation_failed and sends nothing', async (_, action, input, path) => {
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {});
    const response = await run(key, { connectionId, action, input });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
    expect(response.json.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    expect(api.seen).toHaveLength(0);
  });

  it.each([
    ['a $ref to a remote URL', { properties: { a: { $ref: 'https://schemas.example/a.json' } } }, /inside the schema/],
    ['a schema that is not JSON Schema', { properties: { a: { type: 'strnig' } } }, /Not valid JSON Schema/],
  ])('refuses a connector whose action input has %s, and stores nothing', async (_, input, message) => {
    const { key } = await connectEcho({ kind: 'none' }, {});
    const action = { key: 'bad', name: 'Bad', method: 'POST', path: '/bad', input };
    const created = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Bad', slug: 'bad', authMethods: [{ kind: 'none' }], actions: [action] },
    });
    expect([created.status, created.json.error.code]).toEqual([400, 'validation_failed']);
    expect(created.json.error.details.issues).toEqual([
      { path: 'actions.0.input', message: expect.stringMatching(message) },
    ]);
    expect((await t.request('GET', '/v1/connectors/bad', { key })).status).toBe(404);
    const changed = await t.request('PATCH', '/v1/connectors/echo', { key, body: { actions: [action] } });
    expect(changed.json.error.details.issues[0].path).toBe('actions.0.input');
  });

  it('refuses to run an action whose stored schema cannot be used, and sends nothing', async () => {
    const { key, connectorId, connectionId } = await connectEcho({ kind: 'none' }, {});
    // As a connector saved before schemas were checked on save would hold it.
    const record = await t.store.getConnector(connectorId);
    if (!record) throw new Error('No connector');
    const remote = { type: 'object' as const, properties: { a: { $ref: 'https://schemas.example/a.json' } } };
    await t.store.updateConnector({
      ...record,
      actions: record.actions.map((action) => ({ ...action, input: remote })),
    });
    const response = await run(key, { connectionId, action: 'status', input: { a: 1 } });
    expect([response.status, response.json.error.code]).toEqual([400, 'validation_failed']);
    expect(response.json.error.details.issues[0].path).toBe('action.input');
    expect(api.seen).toHaveLength(0);
  });

  it('sends an input that fits a schema with $ref, anyOf, oneOf, allOf and format', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {});
    const input = { email: 'a@example.com', team: { id: 4 }, role: 'custom:ops', channel: { sms: '+1' }, note: 'hi' };
    const response = await run(key, { connectionId, action: 'invite', input });
    expect(response.status, response.text).toBe(200);
    expect(JSON.parse(api.seen[0]?.body ?? '')).toEqual(input);
  });

  it('refuses an unknown action and an unknown connection', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {});
    expect((await run(key, { connectionId, action: 'nope' })).json.error.code).toBe('validation_failed');
    expect((await run(key, { connectionId: 'con_missing', action: 'status' })).status).toBe(404);
  });

  it('drops set-cookie and hop-by-hop headers from the answer and returns text bodies as text', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {});
    api.answer((_, res) => {
      res.setHeader('set-cookie', 'sid=1');
      res.setHeader('content-type', 'text/plain');
      res.end('plain answer');
    });
    const response = await run(key, { connectionId, action: 'status' });
    expect(response.json.body).toBe('plain answer');
    expect(response.json.headers).not.toHaveProperty('set-cookie');
    expect(response.json.headers).not.toHaveProperty('connection');
  });

  it('answers 504 upstream_timeout for a slow API and 502 upstream_too_large for a big answer', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'none' }, {}, { timeoutMs: 200, maxBytes: 1024 });
    api.answer(() => {});
    expect((await run(key, { connectionId, action: 'status' })).json.error.code).toBe('upstream_timeout');
    api.answer((_, res) => res.end('x'.repeat(4096)));
    const big = await run(key, { connectionId, action: 'status' });
    expect(big.status).toBe(502);
    expect(big.json.error.code).toBe('upstream_too_large');
  });

  it.each([
    ['an API key header', { kind: 'apiKey', name: 'X-Echo-Key' }, { apiKey: 'key_live_0123456789' }],
    ['an API key query parameter', { kind: 'apiKey', in: 'query', name: 'api_key' }, { apiKey: 'key_live_0123456789' }],
    ['a custom handler', { kind: 'custom', handler: 'acme' }, { token: 'cus_0123456789abc' }],
  ] as const)('strips %s when the API redirects to another origin', async (_, method, credentials) => {
    const other = await startThirdParty();
    try {
      t = await createTestContext({
        egressAllowHosts: [new URL(api.url).host, new URL(other.url).host],
        customAuth: { acme: customHandler },
      });
      const key = (await t.createOrganization()).secretKey;
      await t.createConnector(key, {
        slug: 'echo',
        apiBaseUrl: `${api.url}/v2`,
        authMethods: [method as AuthMethodInput],
        actions: echoActions,
      });
      const token = await t.mintSession(key);
      const created = await t.request('POST', '/v1/session/connections', {
        key: token,
        body: { connector: 'echo', credentials },
      });
      api.answer((req, res) =>
        res
          .writeHead(302, {
            location: `${other.url}/landing${req.url?.includes('?') ? `?${req.url.split('?')[1]}` : ''}`,
          })
          .end(),
      );
      const response = await run(key, { connectionId: created.json.id, action: 'status' });
      expect(response.json.status).toBe(200);
      const landed = other.seen[0];
      expect(landed).toBeDefined();
      const sent = JSON.stringify(landed);
      for (const secret of Object.values(credentials)) expect(sent).not.toContain(secret);
      expect(landed?.headers).not.toHaveProperty('x-echo-key');
      expect(landed?.headers).not.toHaveProperty('x-acme-token');
      expect(landed?.url).not.toMatch(/api_key|sig=/);
    } finally {
      await other.close();
    }
  });

  it('answers 400 egress_blocked when the API base URL is the metadata address, with nothing sent', async () => {
    t = await createTestContext();
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, {
      slug: 'meta',
      apiBaseUrl: 'http://169.254.169.254/latest',
      authMethods: [{ kind: 'none' }],
      actions: [{ key: 'read', name: 'Read', method: 'GET', path: '/meta-data' }],
    });
    const token = await t.mintSession(key);
    const created = await t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'meta' } });
    const response = await run(key, { connectionId: created.json.id, action: 'read' });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('egress_blocked');
  });
});

describe('the proxy', () => {
  it('sends any method and path under the base URL with the credentials, query and headers', async () => {
    const { key, connectionId } = await connectEcho(
      { kind: 'apiKey', name: 'X-Echo-Key' },
      { apiKey: 'key_live_0123456789' },
    );
    const response = await t.request('POST', '/v1/proxy', {
      key,
      body: {
        connectionId,
        method: 'PATCH',
        path: '/things/7?a=1',
        query: { b: 2 },
        headers: { 'x-extra': 'e' },
        body: { n: 1 },
      },
    });
    expect(response.status, response.text).toBe(200);
    expect(api.seen[0]).toMatchObject({ method: 'PATCH', url: '/v2/things/7?a=1&b=2', body: '{"n":1}' });
    expect(api.seen[0]?.headers).toMatchObject({ 'x-echo-key': 'key_live_0123456789', 'x-extra': 'e' });
    expect(response.json.request.headers['x-echo-key']).toBe('••••6789');
  });

  it.each([
    '//evil.com/x',
    'https://evil.com/x',
    '@evil.com/x',
    '\\\\evil.com\\x',
    '/\\evil.com',
    '%2F%2Fevil.com',
    '%252F%252Fevil.com',
    'http:%2F%2Fevil.com',
    '/%5Cevil.com',
    '/../../admin',
    '/%2e%2e/admin',
    'evil.com',
    '/a b',
    '/x#frag',
  ])('refuses the path %s with 400 path_not_allowed and sends nothing', async (path) => {
    const { key, connectionId } = await connectEcho({ kind: 'bearer' }, { token: 'tok_live_0123456789' });
    const response = await t.request('POST', '/v1/proxy', { key, body: { connectionId, method: 'GET', path } });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('path_not_allowed');
    expect(api.seen).toHaveLength(0);
  });
});

describe('action tests', () => {
  it('lists actions with no last test, stores a test, and lists it after', async () => {
    const { key, connectorId, connectionId } = await connectEcho({ kind: 'none' }, {});
    const before = await t.request('GET', `/v1/connectors/${connectorId}/actions`, { key });
    expect(before.json.data.map((a: { key: string; lastTest: unknown }) => [a.key, a.lastTest])).toEqual([
      ['status', null],
      ['get-thing', null],
      ['create-thing', null],
      ['invite', null],
    ]);
    api.answer((_, res) => res.writeHead(503).end('down'));
    const tested = await t.request('POST', `/v1/connectors/${connectorId}/actions/status/test`, {
      key,
      body: { connectionId },
    });
    expect(tested.status, tested.text).toBe(200);
    expect(tested.json).toMatchObject({ passed: false, status: 503, result: { status: 503, body: 'down' } });
    const after = await t.request('GET', `/v1/connectors/${connectorId}/actions`, { key });
    expect(after.json.data[0].lastTest).toEqual({
      passed: false,
      status: 503,
      at: tested.json.at,
      latencyMs: tested.json.latencyMs,
    });
  });

  it('tests a connection with the connector’s verify action', async () => {
    const { key, connectionId } = await connectEcho({ kind: 'bearer' }, { token: 'tok_live_0123456789' });
    const passed = await t.request('POST', `/v1/connections/${connectionId}/test`, { key });
    expect(passed.json).toMatchObject({ result: 'passed', message: 'Status answered 200' });
    api.answer((_, res) => res.writeHead(401).end());
    expect((await t.request('POST', `/v1/connections/${connectionId}/test`, { key })).json).toMatchObject({
      result: 'failed',
    });
  });
});

describe('OAuth 2.0 actions against the sandbox', () => {
  async function connectSandbox() {
    const state = sandbox.reset();
    t = await createTestContext(sandboxAppOptions(sandbox.url));
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, {
      ...sandboxConnector(sandbox.url),
      apiBaseUrl: `${sandbox.url}/api`,
      actions: [
        { key: 'me', name: 'Who am I', method: 'GET', path: '/me', verify: true },
        {
          key: 'get-contact',
          name: 'Get a contact',
          method: 'GET',
          path: '/contacts/{id}',
          input: { type: 'object', properties: { id: { type: 'string', 'x-in': 'path' } }, required: ['id'] },
        },
      ],
    });
    const connectionId = await connectWithSandbox(t, await t.mintSession(key), sandbox.url);
    return { key, connectionId, state };
  }

  it('sends the access token and masks it in the reported request', async () => {
    const { key, connectionId } = await connectSandbox();
    const response = await run(key, { connectionId, action: 'get-contact', input: { id: 'c_2' } });
    expect(response.json).toMatchObject({ status: 200, body: { name: 'Grace Hopper' } });
    // An access token the provider issued: nothing of it, not even its last characters.
    expect(response.json.request.headers.authorization).toBe('••••••••');
    expect(response.text).not.toMatch(/sbx_at_/);
  });

  it('refreshes once and retries once after a 401', async () => {
    const { key, connectionId, state } = await connectSandbox();
    state.faults.rejectAccessTokens = 1;
    const response = await run(key, { connectionId, action: 'me' });
    expect(response.json).toMatchObject({ status: 200, body: { username: 'demo' } });
    expect(state.tokens.calls.refresh_token).toBe(1);
  });

  it('returns the second 401 when the refreshed token is refused too, without a second refresh', async () => {
    const { key, connectionId, state } = await connectSandbox();
    state.faults.rejectAccessTokens = 5;
    const response = await run(key, { connectionId, action: 'me' });
    expect(response.json.status).toBe(401);
    expect(state.tokens.calls.refresh_token).toBe(1);
    expect(state.faults.rejectAccessTokens).toBe(3);
  });
});
