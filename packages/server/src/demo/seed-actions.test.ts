import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import { CLIENT_SECRET, connectWithSandbox, sandboxAppOptions, startSandboxServer } from '../test/sandbox.js';
import { seedDemo } from './seed.js';

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let t: TestContext;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
afterEach(() => t.close());

async function seeded() {
  server.reset();
  t = await createTestContext(sandboxAppOptions(server.url));
  const provider = {
    url: server.url,
    clientId: 'plugboard',
    clientSecret: CLIENT_SECRET,
    managedApp: { clientId: 'plugboard', clientSecret: CLIENT_SECRET },
  };
  const demo = await seedDemo(t.store, t.keyring, { allowedOrigins: [ORIGIN], oauthProvider: provider });
  return demo.secretKey;
}

const run = (key: string, connectionId: string, action: string, input?: Record<string, unknown>) =>
  t.request('POST', '/v1/actions/run', { key, body: { connectionId, action, ...(input ? { input } : {}) } });

describe('the demo’s actions against the sandbox', () => {
  it('runs every Acme CRM action with an OAuth connection, and its verify action passes the connection test', async () => {
    const key = await seeded();
    const connectionId = await connectWithSandbox(t, await t.mintSession(key), server.url);
    const listed = await t.request('GET', '/v1/connectors/acme-crm/actions', { key });
    expect(listed.json.data.map((action: { key: string }) => action.key)).toEqual([
      'me',
      'list-contacts',
      'get-contact',
    ]);
    expect((await run(key, connectionId, 'me')).json).toMatchObject({ status: 200, body: { username: 'demo' } });
    expect((await run(key, connectionId, 'list-contacts')).json.status).toBe(200);
    expect((await run(key, connectionId, 'get-contact', { id: 'c_1' })).json).toMatchObject({
      status: 200,
      body: { name: 'Ada Lovelace' },
    });
    const test = await t.request('POST', `/v1/connections/${connectionId}/test`, { key });
    expect(test.json).toMatchObject({ result: 'passed' });
  });

  it('runs the Acme Billing actions with the sandbox API key', async () => {
    const key = await seeded();
    const token = await t.mintSession(key);
    const created = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'acme-billing', credentials: { apiKey: 'sbx_key_demo_4f2a9c' } },
    });
    expect(created.status, created.text).toBe(201);
    const connectorId = created.json.connectorId as string;
    const status = await t.request('POST', `/v1/connectors/${connectorId}/actions/status/test`, {
      key,
      body: { connectionId: created.json.id },
    });
    expect(status.json).toMatchObject({ passed: true, status: 200 });
    expect((await run(key, created.json.id, 'list-invoices', { status: 'paid' })).json).toMatchObject({
      status: 200,
      body: { data: [{ status: 'paid' }] },
    });
  });
});
