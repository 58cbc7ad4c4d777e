import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/authentication-error.js';
import { adminHandlers, BASE, received, SECRET_KEY } from '../test/mock-api.js';
import { PlugboardAdmin } from './plugboard-admin.js';

const server = setupServer(...adminHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  received.length = 0;
});
afterAll(() => server.close());

const admin = new PlugboardAdmin({ baseUrl: `${BASE}/`, secretKey: SECRET_KEY });
const last = () => received.at(-1);

describe('PlugboardAdmin', () => {
  it.each([
    ['organization.get', () => admin.organization.get(), 'GET', '/v1/organization'],
    ['organization.update', () => admin.organization.update({ name: 'Acme 2' }), 'PATCH', '/v1/organization'],
    ['members.list', () => admin.members.list(), 'GET', '/v1/members'],
    ['members.create', () => admin.members.create({ email: 'a@b.example', name: 'A' }), 'POST', '/v1/members'],
    ['apiKeys.list', () => admin.apiKeys.list(), 'GET', '/v1/api-keys'],
    ['apiKeys.create', () => admin.apiKeys.create({ name: 'CI' }), 'POST', '/v1/api-keys'],
    ['apiKeys.revoke', () => admin.apiKeys.revoke('key_1'), 'DELETE', '/v1/api-keys/key_1'],
    ['connectors.list', () => admin.connectors.list({ scope: 'own', limit: 5 }), 'GET', '/v1/connectors'],
    [
      'connectors.create',
      () => admin.connectors.create({ name: 'Stripe', authMethods: [{ kind: 'bearer' }] }),
      'POST',
      '/v1/connectors',
    ],
    ['connectors.get', () => admin.connectors.get('stripe'), 'GET', '/v1/connectors/stripe'],
    [
      'connectors.update',
      () => admin.connectors.update('stripe', { visibility: 'public' }),
      'PATCH',
      '/v1/connectors/stripe',
    ],
    ['connectors.delete', () => admin.connectors.delete('stripe'), 'DELETE', '/v1/connectors/stripe'],
    ['connections.list', () => admin.connections.list({ tenantId: 'acme' }), 'GET', '/v1/connections'],
    ['connections.get', () => admin.connections.get('cxn_1'), 'GET', '/v1/connections/cxn_1'],
    ['connections.delete', () => admin.connections.delete('cxn_1'), 'DELETE', '/v1/connections/cxn_1'],
    ['connections.test', () => admin.connections.test('cxn_1'), 'POST', '/v1/connections/cxn_1/test'],
    [
      'connections.getCredentials',
      () => admin.connections.getCredentials('cxn_1'),
      'GET',
      '/v1/connections/cxn_1/credentials',
    ],
    ['connectors.actions', () => admin.connectors.actions('acme-crm'), 'GET', '/v1/connectors/acme-crm/actions'],
    [
      'connectors.testAction',
      () => admin.connectors.testAction('acme-crm', 'me', { connectionId: 'cxn_1' }),
      'POST',
      '/v1/connectors/acme-crm/actions/me/test',
    ],
    ['actions.run', () => admin.actions.run({ connectionId: 'cxn_1', action: 'me' }), 'POST', '/v1/actions/run'],
    [
      'actions.proxy',
      () => admin.actions.proxy({ connectionId: 'cxn_1', method: 'GET', path: '/contacts' }),
      'POST',
      '/v1/proxy',
    ],
    ['tenants.list', () => admin.tenants.list(), 'GET', '/v1/tenants'],
    ['oauthApps.list', () => admin.oauthApps.list(), 'GET', '/v1/oauth-apps'],
    [
      'oauthApps.create',
      () => admin.oauthApps.create({ provider: 'acme', clientId: 'c', clientSecret: 's' }),
      'POST',
      '/v1/oauth-apps',
    ],
    [
      'oauthApps.update',
      () => admin.oauthApps.update('app_1', { defaultScopes: ['a'] }),
      'PATCH',
      '/v1/oauth-apps/app_1',
    ],
    ['oauthApps.delete', () => admin.oauthApps.delete('app_1'), 'DELETE', '/v1/oauth-apps/app_1'],
    [
      'connectSessions.create',
      () => admin.connectSessions.create({ tenantId: 'acme', endUserId: 'u1' }),
      'POST',
      '/v1/connect-sessions',
    ],
  ])('%s sends %s %s with the secret key', async (_, call, method, path) => {
    await call();
    expect(last()).toMatchObject({ method, path });
  });

  it('sends query parameters and bodies, and parses results', async () => {
    const page = await admin.connectors.list({ scope: 'own', limit: 5 });
    expect(last()?.search).toBe('?scope=own&limit=5');
    expect(page.data).toEqual([{ id: 'ctr_1' }]);
    const session = await admin.connectSessions.create({ tenantId: 'acme', endUserId: 'u1' });
    expect(last()?.body).toEqual({ tenantId: 'acme', endUserId: 'u1' });
    expect(session.token).toMatch(/^pb_cs_/);
    expect(await admin.connections.delete('cxn_1')).toBeUndefined();
  });

  it("runs an action with its input and returns the third party's answer", async () => {
    const result = await admin.actions.run({ connectionId: 'cxn_1', action: 'get-contact', input: { id: 'c_1' } });
    expect(last()?.body).toEqual({ connectionId: 'cxn_1', action: 'get-contact', input: { id: 'c_1' } });
    expect(result).toMatchObject({ status: 200, request: { headers: { authorization: '••••abcd' } } });
    const test = await admin.connectors.testAction('acme-crm', 'get contact', { connectionId: 'cxn_1' });
    expect(last()?.path).toBe('/v1/connectors/acme-crm/actions/get%20contact/test');
    expect(test).toMatchObject({ passed: true, latencyMs: 12, result: { status: 200 } });
  });

  it('encodes ids so they cannot change the route', async () => {
    await admin.connectors.get('a/../../organization').catch(() => undefined);
    expect(received.at(-1)?.path).toBe('/v1/connectors/a%2F..%2F..%2Forganization');
  });

  it('iterates over every page with listAll', async () => {
    const ids: string[] = [];
    for await (const connection of admin.connections.listAll({ tenantId: 'acme' })) ids.push(connection.id);
    expect(ids).toEqual(['cxn_1']);
  });

  it('throws AuthenticationError for a wrong key', async () => {
    const wrong = new PlugboardAdmin({ baseUrl: BASE, secretKey: 'pb_sk_wrong' });
    await expect(wrong.organization.get()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses keys that are not secret keys', () => {
    expect(() => new PlugboardAdmin({ baseUrl: BASE, secretKey: 'pb_cs_token' })).toThrow(/pb_sk_/);
  });

  it('refuses to run in a browser unless told to', () => {
    const globals = globalThis as Record<string, unknown>;
    globals.window = {};
    globals.document = {};
    try {
      expect(() => new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY })).toThrow(/must run on your server/);
      expect(
        () => new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY, dangerouslyAllowBrowser: true }),
      ).not.toThrow();
    } finally {
      delete globals.window;
      delete globals.document;
    }
  });
});
