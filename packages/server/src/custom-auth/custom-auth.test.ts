import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { startSandboxServer } from '../test/sandbox.js';
import { sessionLoginHandler } from './session-login.js';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
let key: string;
let token: string;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  t = await createTestContext({
    customAuth: { 'acme-login': sessionLoginHandler({ loginUrl: () => `${server.url}/auth/login` }) },
  });
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, {
    name: 'Acme Legacy',
    authMethods: [{ kind: 'custom', handler: 'acme-login', label: 'Acme account' }],
  });
  token = await t.mintSession(key);
});
afterEach(() => t.close());

const connect = (credentials: Record<string, string>) =>
  t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'acme-legacy', credentials } });

describe('custom auth handlers', () => {
  it('refuses a connector that names no registered handler', async () => {
    const response = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Ghost', authMethods: [{ kind: 'custom', handler: 'nobody' }] },
    });
    expect(response.json.error.details.issues[0].path).toBe('authMethods.0.handler');
  });

  it('shows the handler’s fields on the card, without anything secret', async () => {
    const { json } = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(json.data[0].authMethods[0]).toMatchObject({
      kind: 'custom',
      label: 'Acme account',
      fields: [
        { name: 'account', secret: false, pattern: expect.any(String) },
        { name: 'username', secret: false },
        { name: 'password', secret: true },
      ],
    });
  });

  it('connects: exchanges the login for a session token and stores only what the handler returned, encrypted', async () => {
    const response = await connect({ account: 'acme', username: 'demo', password: 'demo' });
    expect(response.status).toBe(201);
    expect(response.json.authKind).toBe('custom');
    const credentials = await t.request('GET', `/v1/connections/${response.json.id}/credentials`, { key });
    expect(credentials.json.credentials).toEqual({ sessionToken: expect.stringMatching(/^sbx_st_/), account: 'acme' });
    const me = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Session ${credentials.json.credentials.sessionToken}` },
    });
    expect(me.status).toBe(200);
    expect((await t.databaseBytes()).includes(credentials.json.credentials.sessionToken)).toBe(false);
  });

  it('checks required fields, patterns and unknown fields before calling the handler', async () => {
    const response = await connect({ account: 'Not Valid!', username: '', extra: 'x' });
    expect(response.status).toBe(400);
    expect(response.json.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'credentials.account',
      'credentials.extra',
      'credentials.password',
      'credentials.username',
    ]);
  });

  it('puts the handler’s rejection on the field it names and stores nothing', async () => {
    const wrong = await connect({ account: 'acme', username: 'demo', password: 'nope' });
    expect(wrong.json.error.details.issues).toEqual([
      { path: 'credentials.password', message: 'Wrong username or password' },
    ]);
    const unknown = await connect({ account: 'globex', username: 'demo', password: 'demo' });
    expect(unknown.json.error.details.issues[0].path).toBe('credentials.account');
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toEqual([]);
  });

  it('applies stored credentials to an outgoing request', () => {
    const request = { url: new URL('https://acme.acme.example/api/me'), headers: new Headers() };
    sessionLoginHandler({ loginUrl: () => '' }).apply(request, { sessionToken: 'sbx_st_x', account: 'acme' });
    expect(request.headers.get('authorization')).toBe('Session sbx_st_x');
  });

  it('reports a failing third party as provider_error without details', async () => {
    const down = await createTestContext({
      customAuth: { 'acme-login': sessionLoginHandler({ loginUrl: () => 'http://127.0.0.1:9/unreachable' }) },
    });
    const downKey = (await down.createOrganization()).secretKey;
    await down.createConnector(downKey, {
      name: 'Acme Legacy',
      authMethods: [{ kind: 'custom', handler: 'acme-login' }],
    });
    const session = await down.mintSession(downKey);
    const response = await down.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'acme-legacy', credentials: { account: 'acme', username: 'demo', password: 'demo' } },
    });
    expect([response.status, response.json.error.code]).toEqual([502, 'provider_error']);
    expect(down.logLines.join('\n')).not.toContain('demo"');
    await down.close();
  });
});
