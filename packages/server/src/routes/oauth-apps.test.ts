import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { CLIENT_SECRET, connectWithSandbox, sandboxAppOptions, startSandboxServer } from '../test/sandbox.js';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
let key: string;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  t = await createTestContext(sandboxAppOptions(server.url));
  key = (await t.createOrganization()).secretKey;
});
afterEach(() => t.close());

const createApp = (body: Record<string, unknown> = {}) =>
  t.request('POST', '/v1/oauth-apps', {
    key,
    body: {
      provider: 'acme',
      clientId: 'plugboard',
      clientSecret: CLIENT_SECRET,
      defaultScopes: ['contacts'],
      ...body,
    },
  });

const managedConnector = (managedAppId: string) => ({
  name: 'Acme CRM',
  authMethods: [
    {
      kind: 'oauth2' as const,
      authorizationUrl: `${server.url}/oauth/authorize`,
      tokenUrl: `${server.url}/oauth/token`,
      issuer: server.url,
      managedAppId,
    },
  ],
});

describe('managed OAuth apps', () => {
  it('registers an app whose secret is never returned nor stored in the clear', async () => {
    const created = await createApp();
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      provider: 'acme',
      clientId: 'plugboard',
      defaultScopes: ['contacts'],
      usedBy: [],
    });
    expect(created.text).not.toContain(CLIENT_SECRET);
    expect((await t.request('GET', '/v1/oauth-apps', { key })).text).not.toContain(CLIENT_SECRET);
    expect((await t.databaseBytes()).includes(CLIENT_SECRET)).toBe(false);
  });

  it('rejects a bad provider name and unknown fields', async () => {
    expect((await createApp({ provider: 'Not Valid' })).status).toBe(400);
    expect((await createApp({ extra: true })).status).toBe(400);
    expect((await t.request('GET', '/v1/oauth-apps', { key })).json.data).toEqual([]);
  });

  it('signs connectors in with the app, using its default scopes, and refreshes with it', async () => {
    const app = (await createApp()).json;
    await t.createConnector(key, managedConnector(app.id));
    const token = await t.mintSession(key);
    const start = await t.request('POST', '/v1/session/oauth/flows', { key: token, body: { connector: 'acme-crm' } });
    expect(new URL(start.json.authorizationUrl).searchParams.get('scope')).toBe('contacts');
    const connectionId = await connectWithSandbox(t, token, server.url);
    t.clock.offsetMs = 10 * 60_000;
    const credentials = await t.request('GET', `/v1/connections/${connectionId}/credentials`, { key });
    expect(credentials.status).toBe(200);
    const listed = await t.request('GET', '/v1/oauth-apps', { key });
    expect(listed.json.data[0].usedBy).toEqual([{ id: expect.stringMatching(/^ctr_/), name: 'Acme CRM' }]);
  });

  it('refuses a connector naming an app of no one, and removing an app still in use', async () => {
    const unknown = await t.request('POST', '/v1/connectors', { key, body: managedConnector('app_nothing') });
    expect(unknown.json.error.details.issues[0].path).toBe('authMethods.0.managedAppId');
    const app = (await createApp()).json;
    await t.createConnector(key, managedConnector(app.id));
    const removal = await t.request('DELETE', `/v1/oauth-apps/${app.id}`, { key });
    expect([removal.status, removal.json.error.message]).toEqual([409, expect.stringContaining('Acme CRM')]);
  });

  it('updates an app, removes an unused one, and keeps other organizations out', async () => {
    const app = (await createApp()).json;
    const updated = await t.request('PATCH', `/v1/oauth-apps/${app.id}`, { key, body: { defaultScopes: ['a', 'b'] } });
    expect(updated.json.defaultScopes).toEqual(['a', 'b']);
    const other = await t.createOrganization('Other');
    expect((await t.request('PATCH', `/v1/oauth-apps/${app.id}`, { key: other.secretKey, body: {} })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/oauth-apps/${app.id}`, { key: other.secretKey })).status).toBe(404);
    const stranger = await t.request('POST', '/v1/connectors', {
      key: other.secretKey,
      body: managedConnector(app.id),
    });
    expect(stranger.status).toBe(400);
    expect((await t.request('DELETE', `/v1/oauth-apps/${app.id}`, { key })).status).toBe(204);
  });
});
