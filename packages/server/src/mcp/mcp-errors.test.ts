import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_API_KEY, type McpWorld, startMcpWorld } from '../test/mcp-world.js';

let world: McpWorld;
let token: string;
const seen: unknown[] = [];

beforeAll(async () => {
  world = await startMcpWorld();
  token = (await world.mintToken()).token;
});
afterAll(() => world.close());

async function call(name: string, args: Record<string, unknown> = {}, bearer = token) {
  const result = (await (await world.connectWithToken(bearer)).callTool({ name, arguments: args })) as CallToolResult;
  seen.push(result);
  return result;
}

const errorOf = (result: CallToolResult) => {
  expect(result.isError).toBe(true);
  return (result.structuredContent as { error: Record<string, unknown> }).error;
};
const textOf = (result: CallToolResult) => (result.content as { text: string }[]).map((part) => part.text).join('\n');

describe('tool errors', () => {
  it('answers arguments that do not fit the schema with validation_failed, sending nothing', async () => {
    const missing = await call('acme-crm_create-contact', {});
    expect(errorOf(missing)).toMatchObject({ code: 'validation_failed' });
    expect(textOf(missing)).toContain('input.name');
    expect(textOf(missing)).toContain('Fix the arguments');
    const unknown = await call('acme-crm_create-contact', { name: 'A', shoeSize: 43 });
    expect(errorOf(unknown)).toMatchObject({ code: 'validation_failed' });
  });

  it("answers the third party's 4xx as a tool error with its status and body", async () => {
    const result = await call('acme-crm_get-contact', { id: 'no-such-contact' });
    expect(errorOf(result)).toMatchObject({ code: 'upstream_error', status: 404, body: { error: 'not_found' } });
    expect(textOf(result)).toContain('Acme CRM answered HTTP 404');
  });

  it('answers an unknown tool with not_found', async () => {
    expect(errorOf(await call('acme-crm_fly-to-the-moon'))).toMatchObject({ code: 'not_found' });
  });

  it('answers a tool of a connector the tenant has not connected with not_connected', async () => {
    const other = (await world.mintToken({ tenantId: 'tenant-without-connections' })).token;
    const result = await call('acme-crm_list-contacts', {}, other);
    expect(errorOf(result)).toMatchObject({ code: 'not_connected', connector: 'acme-crm' });
    expect(textOf(result)).toContain('has not connected Acme CRM');
  });

  it('answers a connection that needs reauthorization with needs_reauth, and lists its tools no more', async () => {
    const { store } = world.t;
    await store.setConnectionStatus(world.crm.connectionId, 'needs_reauth', new Date().toISOString());
    try {
      const result = await call('acme-crm_list-contacts');
      expect(errorOf(result)).toMatchObject({ code: 'needs_reauth', connector: 'acme-crm' });
      expect(textOf(result)).toContain('reconnect');
      const { tools } = await (await world.connectWithToken(token)).listTools();
      expect(tools.map((tool) => tool.name)).not.toContain('acme-crm_list-contacts');
    } finally {
      await store.setConnectionStatus(world.crm.connectionId, 'active', new Date().toISOString());
    }
  });

  it('answers an action whose API is at a blocked address with egress_blocked, and that address sees nothing', async () => {
    let hits = 0;
    const canary = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    const { t, vendor } = world;
    await t.createConnector(vendor.secretKey, {
      name: 'Internal',
      apiBaseUrl: `http://127.0.0.1:${(canary.address() as AddressInfo).port}`,
      authMethods: [{ kind: 'bearer' }],
      actions: [{ key: 'peek', name: 'Peek', method: 'GET', path: '/secrets' }],
    });
    const session = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
    const connected = await t.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'internal', credentials: { token: 'internal-token' } },
    });
    expect(connected.status).toBe(201);
    const result = await call('internal_peek');
    expect(errorOf(result)).toMatchObject({ code: 'egress_blocked' });
    expect(textOf(result)).toContain('Retrying will not help');
    expect(hits).toBe(0);
    canary.close();
  });

  it('offers connectionId when the tenant has two connections of a connector, and refuses an unknown one', async () => {
    const { t, vendor } = world;
    const session = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
    const second = await t.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'acme-billing', credentials: { apiKey: CANARY_API_KEY }, label: 'Second account' },
    });
    const { tools } = await (await world.connectWithToken(token)).listTools();
    const invoices = tools.find((tool) => tool.name === 'acme-billing_list-invoices');
    expect(invoices?.inputSchema.properties?.connectionId).toMatchObject({
      type: 'string',
      enum: [world.billing.connectionId, second.json.id],
    });
    const chosen = await call('acme-billing_list-invoices', { connectionId: second.json.id });
    expect(chosen.isError).toBeFalsy();
    const wrong = await call('acme-billing_list-invoices', { connectionId: world.crm.connectionId });
    expect(errorOf(wrong)).toMatchObject({ code: 'validation_failed' });
    await t.store.deleteConnection(second.json.id);
  });

  it('never echoes a credential in a tool error', () => {
    expect(seen.length).toBeGreaterThan(6);
    expect(JSON.stringify(seen)).not.toContain(CANARY_API_KEY);
    expect(JSON.stringify(seen)).not.toContain('internal-token');
  });
});

describe('the tenant budget', () => {
  let limited: McpWorld;
  beforeAll(async () => {
    limited = await startMcpWorld({ tenantRateLimit: { burst: 1, perSecond: 0.01 } });
  });
  afterAll(() => limited.close());

  it('answers a tool call over the budget with rate_limited and when to retry, sending nothing', async () => {
    const client = await limited.connectWithToken((await limited.mintToken()).token);
    expect((await client.callTool({ name: 'acme-billing_list-invoices', arguments: {} })).isError).toBeFalsy();
    limited.acme.faults.rejectAccessTokens = 1;
    const refused = (await client.callTool({ name: 'acme-crm_list-contacts', arguments: {} })) as CallToolResult;
    expect(errorOf(refused)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 100 });
    expect(textOf(refused)).toContain('Wait, then call the tool again');
    // Had the request gone out, the sandbox would have used up its one rejection.
    expect(limited.acme.faults.rejectAccessTokens).toBe(1);
  });

  it('holds the tenant to one budget across replicas', async () => {
    const replica = await limited.startReplica();
    try {
      const token = (await limited.mintToken({ tenantId: 'tenant-a' })).token;
      const onReplica = await limited.connectWithToken(token, replica.url);
      const refused = (await onReplica.callTool({
        name: 'acme-billing_list-invoices',
        arguments: {},
      })) as CallToolResult;
      expect(errorOf(refused)).toMatchObject({ code: 'rate_limited' });
    } finally {
      await replica.close();
    }
  });
});
