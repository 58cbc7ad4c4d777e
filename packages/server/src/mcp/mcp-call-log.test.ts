import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_API_KEY, type McpWorld, startMcpWorld } from '../test/mcp-world.js';
import { waitFor } from '../test/vendor-endpoint.js';

const METRICS_TOKEN = 'mcp-call-log-metrics-token';
let world: McpWorld;
beforeAll(async () => {
  world = await startMcpWorld({ metricsToken: METRICS_TOKEN });
});
afterAll(() => world.close());

/** The call log once it has `count` entries matching `query` (writes are batched). */
async function logged(query: string, count: number): Promise<Array<Record<string, unknown>>> {
  let data: Array<Record<string, unknown>> = [];
  await waitFor(async () => {
    data = (await world.t.request('GET', `/v1/logs${query}`, { key: world.vendor.secretKey })).json.data;
    return data.length === count;
  });
  return data;
}

describe('the call log of MCP tool calls and token refreshes', () => {
  it("records an MCP tool call with the tool's name, the action's path template and the request id", async () => {
    const { token } = await world.mintToken();
    const client = await world.connect({ authorization: `Bearer ${token}`, 'x-request-id': 'mcp-request-7' });
    const result = await client.callTool({ name: 'acme-billing_list-invoices', arguments: { status: 'paid' } });
    expect(result.isError).toBeFalsy();
    const [call] = await logged('?kind=mcp_tool', 1);
    expect(call).toMatchObject({
      kind: 'mcp_tool',
      tenantId: 'tenant-a',
      connectionId: world.billing.connectionId,
      connector: 'acme-billing',
      operation: 'acme-billing_list-invoices',
      method: 'GET',
      path: '/keyed/invoices',
      status: 200,
      requestId: 'mcp-request-7',
    });
    expect(JSON.stringify(call)).not.toContain(CANARY_API_KEY);
  });

  it('records a token refresh at the token endpoint, and none of the tokens', async () => {
    // Two hours on, the access token is due: the credentials fetch refreshes it first.
    world.t.clock.offsetMs += 2 * 60 * 60_000;
    const fetched = await world.t.request('GET', `/v1/connections/${world.crm.connectionId}/credentials`, {
      key: world.vendor.secretKey,
    });
    expect(fetched.status, fetched.text).toBe(200);
    const [refresh] = await logged('?kind=refresh', 1);
    expect(refresh).toMatchObject({
      kind: 'refresh',
      tenantId: 'tenant-a',
      connectionId: world.crm.connectionId,
      connector: 'acme-crm',
      operation: 'refresh_token',
      method: 'POST',
      host: new URL(world.sandbox.url).host,
      status: 200,
      errorCode: null,
    });
    const scraped = await world.t.request('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.text).toContain('plugboard_token_refreshes_total{outcome="refreshed"} 1');
    expect(scraped.text).toContain(
      'plugboard_upstream_calls_total{kind="refresh",connector="acme-crm",status="200"} 1',
    );
    const secrets = Object.values(fetched.json.credentials as Record<string, string>);
    for (const secret of secrets.filter((value) => value.length > 12))
      expect(JSON.stringify(refresh)).not.toContain(secret);
  });
});
