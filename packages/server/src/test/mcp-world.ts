// A Plugboard server on loopback with the Acme Sandbox as the third party, one organization whose tenant A has an
// OAuth connection (Acme CRM) and an API-key connection (Acme Billing), and the official MCP client to call it.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ActionDefinitionInput } from '@plugboard/shared';
import { expect } from 'vitest';
import { type AppOptions, createApp } from '../app.js';
import { type RunningServer, startServer } from '../server.js';
import { openStore } from '../storage/open-store.js';
import { createTestContext, type TestContext } from './context.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from './sandbox.js';

/** The API key tenant A's Acme Billing connection holds: no tool result or error may ever show it. */
export const CANARY_API_KEY = 'sbx_canary_key_7d41c9e2b8';

/** Acme CRM's actions on the sandbox API: a read, a read by id, a write. */
const crmActions: ActionDefinitionInput[] = [
  {
    key: 'list-contacts',
    name: 'List contacts',
    description: 'Every contact in the CRM',
    method: 'GET',
    path: '/contacts',
  },
  {
    key: 'get-contact',
    name: 'Get a contact',
    method: 'GET',
    path: '/contacts/{id}',
    input: { type: 'object', properties: { id: { type: 'string', 'x-in': 'path' } }, required: ['id'] },
  },
  {
    key: 'create-contact',
    name: 'Create a contact',
    method: 'POST',
    path: '/contacts',
    input: {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string' } },
      required: ['name'],
    },
  },
];

const billingActions: ActionDefinitionInput[] = [
  {
    key: 'list-invoices',
    name: 'List invoices',
    method: 'GET',
    path: '/invoices',
    input: { type: 'object', properties: { status: { type: 'string', enum: ['open', 'paid'] } } },
  },
];

/** Starts the world; `close()` it in afterAll. */
export async function startMcpWorld(appOptions: Partial<AppOptions> = {}) {
  const sandbox = await startSandboxServer();
  const acme = sandbox.reset({ apiKeys: [CANARY_API_KEY] });
  const t: TestContext = await createTestContext({ ...sandboxAppOptions(sandbox.url), ...appOptions });
  const server: RunningServer = await startServer(t.app, { port: 0 });
  const vendor = await t.createOrganization('Vendor');
  const crm = await t.createConnector(vendor.secretKey, {
    ...sandboxConnector(sandbox.url),
    apiBaseUrl: `${sandbox.url}/api`,
    actions: crmActions,
  });
  const billing = await t.createConnector(vendor.secretKey, {
    name: 'Acme Billing',
    apiBaseUrl: `${sandbox.url}/keyed`,
    authMethods: [{ kind: 'apiKey', in: 'header', name: 'X-API-Key' }],
    actions: billingActions,
  });
  const sessionA = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
  const crmConnectionId = await connectWithSandbox(t, sessionA, sandbox.url);
  const billingConnection = await t.request('POST', '/v1/session/connections', {
    key: sessionA,
    body: { connector: 'acme-billing', credentials: { apiKey: CANARY_API_KEY } },
  });
  expect(billingConnection.status, billingConnection.text).toBe(201);
  const clients: Client[] = [];

  /** Mints an MCP token through the API as the vendor's backend does. */
  async function mintToken(body: Record<string, unknown> = {}, secretKey = vendor.secretKey) {
    const created = await t.request('POST', '/v1/mcp-tokens', {
      key: secretKey,
      body: { tenantId: 'tenant-a', endUserId: 'user-1', ...body },
    });
    expect(created.status, created.text).toBe(201);
    return created.json as { id: string; token: string; url: string; expiresAt: string };
  }

  /** The official MCP client connected to `url` (this server's /v1/mcp by default) with these headers. */
  async function connect(headers: Record<string, string>, url = `${server.url}/v1/mcp`) {
    const client = new Client({ name: 'plugboard-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  /** A client with an MCP token. */
  const connectWithToken = (token: string, url?: string) => connect({ authorization: `Bearer ${token}` }, url);

  /** A second replica: another app and HTTP server on the same database. */
  async function startReplica() {
    const store = await openStore(t.databaseUrl);
    const app = createApp({ store, keyring: t.keyring, ...sandboxAppOptions(sandbox.url), ...appOptions });
    const replica = await startServer(app, { port: 0 });
    return {
      url: `${replica.url}/v1/mcp`,
      async close() {
        await replica.close();
        await store.close();
      },
    };
  }

  return {
    t,
    sandbox,
    /** The sandbox's state, for its faults. */
    acme,
    server,
    vendor,
    crm: { id: crm.id as string, connectionId: crmConnectionId },
    billing: { id: billing.id as string, connectionId: billingConnection.json.id as string },
    mintToken,
    connect,
    connectWithToken,
    startReplica,
    async close() {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
      await server.close();
      await t.close();
      sandbox.close();
    },
  };
}

/** The world {@link startMcpWorld} gives. */
export type McpWorld = Awaited<ReturnType<typeof startMcpWorld>>;
