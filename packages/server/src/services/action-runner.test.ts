import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_API_KEY, type McpWorld, startMcpWorld } from '../test/mcp-world.js';

// The one action path: the admin API, the console's action tests and MCP all run actions through the runner.
let world: McpWorld;
beforeAll(async () => {
  world = await startMcpWorld();
  const endpoint = await world.t.request('POST', '/v1/webhook-endpoints', {
    key: world.vendor.secretKey,
    body: { url: `${world.sandbox.url}/hooks`, events: ['action.called'] },
  });
  expect(endpoint.status).toBe(201);
});
afterAll(() => world.close());

async function calledEvents() {
  const deliveries = await world.t.request('GET', '/v1/deliveries', { key: world.vendor.secretKey });
  return Promise.all(
    deliveries.json.data.map(async (delivery: { eventId: string }) => {
      const event = await world.t.store.getEvent(delivery.eventId);
      return JSON.parse(event?.body ?? '{}') as { type: string; data: Record<string, unknown> };
    }),
  );
}

describe('the action runner', () => {
  it('records a run of POST /v1/actions/run as an action.called event, without credentials', async () => {
    const { t, vendor, billing } = world;
    const run = await t.request('POST', '/v1/actions/run', {
      key: vendor.secretKey,
      body: { connectionId: billing.connectionId, action: 'list-invoices' },
    });
    expect(run.status, run.text).toBe(200);
    const events = await calledEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ action: 'list-invoices', via: 'api', status: 200 });
    expect(JSON.stringify(events)).not.toContain(CANARY_API_KEY);
  });

  it("records a failed run with its error's code, and answers it with the status HTTP maps the code to", async () => {
    const { t, vendor, crm } = world;
    const run = await t.request('POST', '/v1/actions/run', {
      key: vendor.secretKey,
      body: { connectionId: crm.connectionId, action: 'create-contact', input: {} },
    });
    expect([run.status, run.json.error.code]).toEqual([400, 'validation_failed']);
    expect((await calledEvents())[0]?.data).toMatchObject({ action: 'create-contact', error: 'validation_failed' });
  });

  it('reports a domain error of a verify action (needs_reauth) as a failed connection test, not an error', async () => {
    const { t, vendor, sandbox } = world;
    await t.createConnector(vendor.secretKey, {
      name: 'Verified',
      apiBaseUrl: `${sandbox.url}/api`,
      authMethods: [{ kind: 'bearer' }],
      actions: [{ key: 'me', name: 'Me', method: 'GET', path: '/me', verify: true }],
    });
    const session = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
    const created = await t.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'verified', credentials: { token: 'whatever' } },
    });
    await t.store.setConnectionStatus(created.json.id, 'needs_reauth', new Date().toISOString());
    const test = await t.request('POST', `/v1/connections/${created.json.id}/test`, { key: vendor.secretKey });
    expect(test.status, test.text).toBe(200);
    expect(test.json).toMatchObject({ result: 'failed', status: 'needs_reauth' });
  });
});
