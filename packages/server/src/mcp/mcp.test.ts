import type { Tool } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_API_KEY, type McpWorld, startMcpWorld } from '../test/mcp-world.js';

let world: McpWorld;
let token: string;
beforeAll(async () => {
  world = await startMcpWorld();
  token = (await world.mintToken({ endUserName: 'Ann' })).token;
});
afterAll(() => world.close());

const byName = (tools: Tool[], name: string) => tools.find((tool) => tool.name === name) as Tool;
/** Every tool result and error of the suite, to check for the canary at the end. */
const seen: unknown[] = [];
const call = async (name: string, args: Record<string, unknown> = {}, bearer = token) => {
  const client = await world.connectWithToken(bearer);
  const result = await client.callTool({ name, arguments: args });
  seen.push(result);
  return result;
};

describe('the MCP server', () => {
  it("lists a tenant's tools for its two connections, with the built-in tools", async () => {
    const client = await world.connectWithToken(token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'acme-billing_list-invoices',
      'acme-crm_create-contact',
      'acme-crm_get-contact',
      'acme-crm_list-contacts',
      'plugboard_connect',
      'plugboard_list_connections',
    ]);
  });

  it("describes each tool from the connector's definition, with annotations by method", async () => {
    const { tools } = await (await world.connectWithToken(token)).listTools();
    const list = byName(tools, 'acme-crm_list-contacts');
    expect(list.description).toBe('List contacts (Acme CRM). Every contact in the CRM');
    expect(list.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
    const create = byName(tools, 'acme-crm_create-contact');
    expect(create.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, openWorldHint: true });
    expect(create.inputSchema).toMatchObject({ type: 'object', required: ['name'] });
    const get = byName(tools, 'acme-crm_get-contact');
    expect(get.inputSchema.properties?.id).toEqual({ type: 'string' });
    expect(get.inputSchema.properties).not.toHaveProperty('connectionId');
  });

  it('calls a read action and answers with the upstream JSON as structured content and text', async () => {
    const result = await call('acme-crm_list-contacts');
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { status: number; body: { data: { name: string }[] } };
    expect(structured.status).toBe(200);
    expect(structured.body.data.length).toBeGreaterThan(0);
    const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
    expect(text).toContain('Acme CRM answered HTTP 200');
    expect(text).toContain(structured.body.data[0]?.name);
  });

  it('calls a write action with its arguments, and an API-key action', async () => {
    const created = await call('acme-crm_create-contact', { name: 'Grace Hopper', email: 'grace@example.com' });
    expect(created.structuredContent).toMatchObject({ status: 201, body: { name: 'Grace Hopper' } });
    const invoices = await call('acme-billing_list-invoices', { status: 'paid' });
    expect(invoices.structuredContent).toMatchObject({ status: 200, body: { data: [{ status: 'paid' }] } });
  });

  it('records each tool call as an action.called event for the vendor to audit', async () => {
    const { t, vendor } = world;
    const endpoint = await t.request('POST', '/v1/webhook-endpoints', {
      key: vendor.secretKey,
      body: { url: `${world.sandbox.url}/hooks`, events: ['action.called'] },
    });
    expect(endpoint.status, endpoint.text).toBe(201);
    await call('acme-crm_get-contact', { id: 'c_1' });
    const deliveries = await t.request('GET', '/v1/deliveries', { key: vendor.secretKey });
    const [delivery] = deliveries.json.data;
    expect(delivery.type).toBe('action.called');
    const event = JSON.parse((await t.store.getEvent(delivery.eventId))?.body ?? '{}');
    expect(event.data).toMatchObject({
      connection: { id: world.crm.connectionId, tenantId: 'tenant-a' },
      connectorSlug: 'acme-crm',
      action: 'get-contact',
      via: 'mcp',
      tool: 'acme-crm_get-contact',
      endUserId: 'user-1',
      status: 200,
    });
  });

  it('refreshes an access token the API rejects during a tool call, and the call succeeds', async () => {
    const sealedBefore = await world.t.store.getCredentials(world.crm.connectionId);
    world.acme.faults.rejectAccessTokens = 1;
    const result = await call('acme-crm_list-contacts');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 200 });
    expect(world.acme.faults.rejectAccessTokens).toBe(0);
    const sealedAfter = await world.t.store.getCredentials(world.crm.connectionId);
    expect(sealedAfter?.nonce.equals(sealedBefore?.nonce ?? Buffer.alloc(0))).toBe(false);
  });

  it('lists the connections the caller may use with their status', async () => {
    const result = await call('plugboard_list_connections');
    const { connections } = result.structuredContent as { connections: { connector: string; status: string }[] };
    expect(connections.map((c) => [c.connector, c.status]).sort()).toEqual([
      ['acme-billing', 'active'],
      ['acme-crm', 'active'],
    ]);
  });

  it('never shows a credential in any tool result or error', () => {
    expect(seen.length).toBeGreaterThan(4);
    expect(JSON.stringify(seen)).not.toContain(CANARY_API_KEY);
    expect(JSON.stringify(seen).toLowerCase()).not.toContain('authorization');
  });
});
