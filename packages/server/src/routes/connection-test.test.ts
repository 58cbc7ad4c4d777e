import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionLoginHandler } from '../custom-auth/session-login.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from '../test/sandbox.js';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
afterEach(() => t.close());

const test = (key: string, id: string) => t.request('POST', `/v1/connections/${id}/test`, { key });

describe('testing a connection', () => {
  it('passes an OAuth 2.0 connection whose token is valid, without calling the provider while it is fresh', async () => {
    const sandbox = server.reset();
    t = await createTestContext(sandboxAppOptions(server.url));
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, sandboxConnector(server.url));
    const id = await connectWithSandbox(t, await t.mintSession(key), server.url);
    const response = await test(key, id);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      result: 'passed',
      message: expect.any(String),
      status: 'active',
      checkedAt: expect.any(String),
    });
    expect(sandbox.tokens.calls.refresh_token).toBe(0);
    expect(response.text).not.toMatch(/sbx_(at|rt)_/);
  });

  it('fails an OAuth 2.0 connection whose grant the provider revoked, and marks it needs_reauth', async () => {
    const sandbox = server.reset();
    t = await createTestContext({
      ...sandboxAppOptions(server.url),
      refreshPolicy: { backoffMs: 5 },
    });
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, sandboxConnector(server.url));
    const id = await connectWithSandbox(t, await t.mintSession(key), server.url);
    sandbox.tokens.revokeUser('demo');
    t.clock.offsetMs = 10 * 60_000;
    const response = await test(key, id);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ result: 'failed', status: 'needs_reauth' });
    expect((await t.request('GET', `/v1/connections/${id}`, { key })).json.status).toBe('needs_reauth');
    expect((await test(key, id)).json).toMatchObject({ result: 'failed', status: 'needs_reauth' });
    expect(sandbox.tokens.calls.refresh_token).toBe(1);
  });

  it('runs a custom handler’s verify: passed while the service accepts the token, failed and error once it does not', async () => {
    server.reset();
    const handler = sessionLoginHandler({
      loginUrl: () => `${server.url}/auth/login`,
      verifyUrl: () => `${server.url}/api/me`,
    });
    t = await createTestContext({ customAuth: { 'acme-login': handler } });
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, { name: 'Acme Legacy', authMethods: [{ kind: 'custom', handler: 'acme-login' }] });
    const token = await t.mintSession(key);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'acme-legacy', credentials: { account: 'acme', username: 'demo', password: 'demo' } },
    });
    expect(connection.status).toBe(201);
    const passed = await test(key, connection.json.id);
    expect(passed.json).toMatchObject({ result: 'passed', status: 'active' });
    server.reset(); // a new sandbox knows none of the old session tokens
    const failed = await test(key, connection.json.id);
    expect(failed.json).toMatchObject({ result: 'failed', status: 'error' });
    expect(failed.text).not.toContain('sbx_st_');
    expect((await t.request('GET', `/v1/connections/${connection.json.id}`, { key })).json.status).toBe('error');
  });

  it('reports a custom handler that cannot reach its service as failed, and leaves the status alone', async () => {
    t = await createTestContext({
      customAuth: {
        flaky: {
          fields: [{ name: 'code', label: 'Code', secret: true }],
          connect: async (fields) => ({ code: fields.code ?? '' }),
          apply: () => {},
          verify: async () => {
            throw new Error('ECONNREFUSED');
          },
        },
      },
    });
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, { name: 'Flaky', authMethods: [{ kind: 'custom', handler: 'flaky' }] });
    const token = await t.mintSession(key);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'flaky', credentials: { code: 'c-1' } },
    });
    const response = await test(key, connection.json.id);
    expect(response.json).toMatchObject({ result: 'failed', status: 'active' });
    expect(response.json.message).not.toContain('ECONNREFUSED');
  });

  it('says unsupported for an API key connection, whose connector defines no check', async () => {
    t = await createTestContext();
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey' }] });
    const token = await t.mintSession(key);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'SG.key-123456789' } },
    });
    const response = await test(key, connection.json.id);
    expect(response.json).toMatchObject({ result: 'unsupported', status: 'active' });
    expect(response.json.message).toMatch(/SendGrid defines no check/);
  });

  it('answers 404 for a connection of another organization', async () => {
    t = await createTestContext();
    const key = (await t.createOrganization()).secretKey;
    const other = await t.createOrganization('Other');
    await t.createConnector(other.secretKey, { name: 'SendGrid', authMethods: [{ kind: 'apiKey' }] });
    const token = await t.mintSession(other.secretKey);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'k' } },
    });
    expect((await test(key, connection.json.id)).status).toBe(404);
  });
});
