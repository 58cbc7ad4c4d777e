import { beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/authentication-error.js';
import { PermissionError } from '../errors/permission-error.js';
import { BASE, CONSOLE_SIGN_IN, CSRF_TOKEN, cookieJarFetch, received, useMockApi } from '../test/mock-api.js';
import { PlugboardConsole } from './plugboard-console.js';

useMockApi();

let client: PlugboardConsole;
beforeEach(() => {
  client = new PlugboardConsole({ baseUrl: BASE, fetch: cookieJarFetch() });
});
const last = () => received.at(-1);

describe('PlugboardConsole', () => {
  it('signs in, remembers the CSRF token, and sends it with the cookie on POST, PATCH and DELETE only', async () => {
    const account = await client.signIn(CONSOLE_SIGN_IN);
    expect(account).toMatchObject({ member: { name: 'Ada Admin' }, csrfToken: CSRF_TOKEN });
    expect(last()).toMatchObject({ path: '/v1/console/sign-in', csrf: null, bearer: false });

    await client.connectors.list();
    expect(last()).toMatchObject({ method: 'GET', path: '/v1/connectors', csrf: null, bearer: false });
    await client.connectors.create({ name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
    expect(last()).toMatchObject({ method: 'POST', csrf: CSRF_TOKEN, bearer: false });
    await client.connectors.update('stripe', { visibility: 'public' });
    expect(last()).toMatchObject({ method: 'PATCH', csrf: CSRF_TOKEN });
    await client.connectors.delete('stripe');
    expect(last()).toMatchObject({ method: 'DELETE', csrf: CSRF_TOKEN });
  });

  it.each([
    ['organization.get', (c: PlugboardConsole) => c.organization.get(), 'GET', '/v1/organization'],
    ['members.list', (c: PlugboardConsole) => c.members.list(), 'GET', '/v1/members'],
    ['connections.list', (c: PlugboardConsole) => c.connections.list({ status: 'active' }), 'GET', '/v1/connections'],
    ['connections.delete', (c: PlugboardConsole) => c.connections.delete('cxn_1'), 'DELETE', '/v1/connections/cxn_1'],
    ['tenants.list', (c: PlugboardConsole) => c.tenants.list(), 'GET', '/v1/tenants'],
    [
      'oauthApps.update',
      (c: PlugboardConsole) => c.oauthApps.update('app_1', { defaultScopes: ['a'] }),
      'PATCH',
      '/v1/oauth-apps/app_1',
    ],
    [
      'connectors.testAction',
      (c: PlugboardConsole) => c.connectors.testAction('acme-crm', 'me', { connectionId: 'cxn_1' }),
      'POST',
      '/v1/connectors/acme-crm/actions/me/test',
    ],
    [
      'actions.run',
      (c: PlugboardConsole) => c.actions.run({ connectionId: 'cxn_1', action: 'me' }),
      'POST',
      '/v1/actions/run',
    ],
    [
      'connectSessions.create',
      (c: PlugboardConsole) => c.connectSessions.create({ tenantId: 'acme', endUserId: 'u1' }),
      'POST',
      '/v1/connect-sessions',
    ],
  ])('%s goes through the admin resources with the cookie', async (_, call, method, path) => {
    await client.signIn(CONSOLE_SIGN_IN);
    await call(client);
    expect(last()).toMatchObject({ method, path, bearer: false });
  });

  it('sends no cookie to a client that is not signed in, and never an Authorization header', async () => {
    await expect(client.connectors.list()).rejects.toBeInstanceOf(AuthenticationError);
    expect(last()).toMatchObject({ path: '/v1/connectors', bearer: false });
  });

  it('tests a connection', async () => {
    await client.signIn(CONSOLE_SIGN_IN);
    const outcome = await client.connections.test('cxn_1');
    expect(last()).toMatchObject({ method: 'POST', path: '/v1/connections/cxn_1/test', csrf: CSRF_TOKEN });
    expect(outcome).toMatchObject({ result: 'passed', status: 'active' });
  });

  it('recovers the CSRF token with me() after a reload', async () => {
    const jar = cookieJarFetch();
    await new PlugboardConsole({ baseUrl: BASE, fetch: jar }).signIn(CONSOLE_SIGN_IN);
    const reloaded = new PlugboardConsole({ baseUrl: BASE, fetch: jar });
    expect((await reloaded.me()).csrfToken).toBe(CSRF_TOKEN);
    await reloaded.connectors.update('stripe', { name: 'Stripe 2' });
    expect(last()?.csrf).toBe(CSRF_TOKEN);
  });

  it('mints a test session for the member', async () => {
    await client.signIn(CONSOLE_SIGN_IN);
    const session = await client.testSession();
    expect(last()).toMatchObject({ path: '/v1/console/test-session', body: {}, csrf: CSRF_TOKEN });
    expect(session).toMatchObject({ token: expect.stringMatching(/^pb_cs_/), tenantId: 'console-test-usr_ada' });
    expect((await client.testSession({ tenantId: 'globex' })).tenantId).toBe('globex');
  });

  it('signs out: the cookie is gone and the next call is AuthenticationError', async () => {
    await client.signIn(CONSOLE_SIGN_IN);
    await client.signOut();
    await expect(client.me()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('throws AuthenticationError with invalid_credentials for a wrong password, and before any sign-in', async () => {
    const error = await client.signIn({ ...CONSOLE_SIGN_IN, password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'invalid_credentials', apiMessage: 'Email or password is wrong' });
    await expect(client.connectors.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('gets PermissionError where the server hands out secrets', async () => {
    await client.signIn(CONSOLE_SIGN_IN);
    const error = await client.connections.getCredentials('cxn_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: 'forbidden' });
  });
});
