// needs connect links: these tests pass once the connect-links branch (services/connect-links.ts) is merged.
// Until then vite.config.ts leaves this file out of the server project; remove that exclude at merge.
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpWorld, startMcpWorld } from '../test/mcp-world.js';

let world: McpWorld;
beforeAll(async () => {
  world = await startMcpWorld();
});
afterAll(() => world.close());

async function call(name: string, args: Record<string, unknown>, body: Record<string, unknown> = {}) {
  const client = await world.connectWithToken((await world.mintToken(body)).token);
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const linkPattern = /^https?:\/\/.+/;

describe('connect links from MCP (needs connect links)', () => {
  it('plugboard_connect answers a connect link for the connector, for the agent to hand over', async () => {
    const result = await call('plugboard_connect', { connector: 'acme-crm' });
    expect(result.isError).toBeFalsy();
    const link = result.structuredContent as { connector: string; url: string; expiresAt: string };
    expect(link.connector).toBe('acme-crm');
    expect(link.url).toMatch(linkPattern);
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    expect((result.content as { text: string }[])[0]?.text).toContain(link.url);
  });

  it('a tool of a connector the tenant has not connected answers not_connected with a connect link', async () => {
    const result = await call('acme-crm_list-contacts', {}, { tenantId: 'tenant-new' });
    expect(result.isError).toBe(true);
    const error = (result.structuredContent as { error: { code: string; connectUrl?: string } }).error;
    expect(error.code).toBe('not_connected');
    expect(error.connectUrl).toMatch(linkPattern);
  });

  it('a tool of a connection that needs reauthorization answers needs_reauth with a connect link', async () => {
    const { store } = world.t;
    await store.setConnectionStatus(world.crm.connectionId, 'needs_reauth', new Date().toISOString());
    const result = await call('acme-crm_list-contacts', {});
    const error = (result.structuredContent as { error: { code: string; connectUrl?: string } }).error;
    expect(error.code).toBe('needs_reauth');
    expect(error.connectUrl).toMatch(linkPattern);
  });
});
