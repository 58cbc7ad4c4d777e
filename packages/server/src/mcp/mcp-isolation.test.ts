import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpWorld, startMcpWorld } from '../test/mcp-world.js';

// Who may reach /v1/mcp, and what each credential reaches: an MCP token only its own tenant's tools, within its
// connectors and tools; a revoked or expired one nothing, on every replica.
let world: McpWorld;
beforeAll(async () => {
  world = await startMcpWorld();
});
afterAll(() => world.close());

const BUILTINS = ['plugboard_connect', 'plugboard_list_connections'];
const A_TOOLS = [
  'acme-billing_list-invoices',
  'acme-crm_create-contact',
  'acme-crm_get-contact',
  'acme-crm_list-contacts',
  ...BUILTINS,
];

const post = (headers: Record<string, string>, url = `${world.server.url}/v1/mcp`) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });
const toolNames = async (headers: Record<string, string>) =>
  (await (await world.connect(headers)).listTools()).tools.map((tool) => tool.name).sort();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectRefused(response: Response, error: 'invalid_token' | null) {
  expect(response.status).toBe(401);
  const challenge = response.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/^Bearer realm="plugboard"/);
  if (error) expect(challenge).toContain(`error="${error}"`);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
}

describe('who may call /v1/mcp', () => {
  it('refuses a request without a credential, and an unknown one, with 401 and WWW-Authenticate', async () => {
    await expectRefused(await post({}), null);
    await expectRefused(await post(bearer('pb_mt_not-a-real-token')), 'invalid_token');
    await expectRefused(await post(bearer(await world.t.mintSession(world.vendor.secretKey))), 'invalid_token');
  });

  it('refuses a revoked token at its next request, on this replica and on another', async () => {
    const replica = await world.startReplica();
    try {
      const minted = await world.mintToken();
      const onReplica = await world.connectWithToken(minted.token, replica.url);
      expect((await onReplica.listTools()).tools.length).toBe(A_TOOLS.length);
      const { t, vendor } = world;
      expect((await t.request('DELETE', `/v1/mcp-tokens/${minted.id}`, { key: vendor.secretKey })).status).toBe(204);
      await expectRefused(await post(bearer(minted.token), replica.url), 'invalid_token');
      await expectRefused(await post(bearer(minted.token)), 'invalid_token');
      await expect(onReplica.listTools()).rejects.toThrow();
    } finally {
      await replica.close();
    }
  });

  it('refuses an expired token', async () => {
    const minted = await world.mintToken({ ttlSeconds: 60 });
    expect(await toolNames(bearer(minted.token))).toEqual(A_TOOLS);
    world.t.clock.offsetMs = 61_000;
    try {
      const refused = await post(bearer(minted.token));
      await expectRefused(refused, 'invalid_token');
    } finally {
      world.t.clock.offsetMs = 0;
    }
  });

  it('takes the secret key with Plugboard-Tenant-Id, and needs that header', async () => {
    const key = { authorization: `Bearer ${world.vendor.secretKey}` };
    expect(await toolNames({ ...key, 'plugboard-tenant-id': 'tenant-a', 'plugboard-end-user-id': 'agent' })).toEqual(
      A_TOOLS,
    );
    const missing = await post(key);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    await expectRefused(
      await post({ authorization: 'Bearer pb_sk_wrong', 'plugboard-tenant-id': 'a' }),
      'invalid_token',
    );
  });
});

describe('what a credential reaches through /v1/mcp', () => {
  it("lists none of tenant A's tools for another tenant's token, nor its connections", async () => {
    const other = (await world.mintToken({ tenantId: 'tenant-b' })).token;
    expect(await toolNames(bearer(other))).toEqual(BUILTINS);
    const client = await world.connectWithToken(other);
    const listed = await client.callTool({ name: 'plugboard_list_connections', arguments: {} });
    expect((listed.structuredContent as { connections: unknown[] }).connections).toEqual([]);
    const called = await client.callTool({ name: 'acme-crm_list-contacts', arguments: {} });
    expect(called.isError).toBe(true);
    expect(JSON.stringify(called)).not.toContain(world.crm.connectionId);
  });

  it("reaches nothing of the organization through another organization's token or secret key", async () => {
    const other = await world.t.createOrganization('Other');
    const token = (await world.mintToken({ tenantId: 'tenant-a' }, other.secretKey)).token;
    expect(await toolNames(bearer(token))).toEqual(BUILTINS);
    const called = await (await world.connectWithToken(token)).callTool({ name: 'acme-crm_list-contacts' });
    expect((called.structuredContent as { error: { code: string } }).error.code).toBe('not_found');
    const headers = { authorization: `Bearer ${other.secretKey}`, 'plugboard-tenant-id': 'tenant-a' };
    expect(await toolNames(headers)).toEqual(BUILTINS);
  });

  it('keeps a token restricted to some connectors to their tools and connections', async () => {
    const token = (await world.mintToken({ connectors: ['acme-billing'] })).token;
    expect(await toolNames(bearer(token))).toEqual(['acme-billing_list-invoices', ...BUILTINS]);
    const client = await world.connectWithToken(token);
    const refused = await client.callTool({ name: 'acme-crm_list-contacts', arguments: {} });
    expect((refused.structuredContent as { error: { code: string } }).error.code).toBe('not_found');
    const listed = await client.callTool({ name: 'plugboard_list_connections', arguments: {} });
    const { connections } = listed.structuredContent as { connections: { connector: string }[] };
    expect(connections.map((connection) => connection.connector)).toEqual(['acme-billing']);
  });

  it('keeps a token restricted to some tools to those tools', async () => {
    const token = (await world.mintToken({ tools: ['acme-crm_list-contacts'] })).token;
    expect(await toolNames(bearer(token))).toEqual(['acme-crm_list-contacts', ...BUILTINS]);
    const client = await world.connectWithToken(token);
    const refused = await client.callTool({ name: 'acme-crm_create-contact', arguments: { name: 'Eve' } });
    expect((refused.structuredContent as { error: { code: string } }).error.code).toBe('not_found');
    expect((await client.callTool({ name: 'acme-crm_list-contacts', arguments: {} })).isError).toBeFalsy();
  });

  it('is refused by every other route of the API', async () => {
    const token = (await world.mintToken()).token;
    for (const path of ['/v1/connections', '/v1/mcp-tokens', '/v1/session', '/v1/organization']) {
      const response = await world.t.request('GET', path, { key: token });
      expect([path, response.status]).toEqual([path, 401]);
    }
  });
});
