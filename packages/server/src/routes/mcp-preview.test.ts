import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
  const apiBaseUrl = 'https://api.example.com';
  await t.createConnector(key, {
    name: 'SendGrid',
    apiBaseUrl,
    actions: [
      { key: 'list-contacts', name: 'List contacts', description: 'Lists the contacts', method: 'GET', path: '/c' },
      { key: 'send-mail', name: 'Send mail', method: 'POST', path: '/mail' },
    ],
  });
  await t.createConnector(key, {
    name: 'Jira',
    apiBaseUrl,
    actions: [{ key: 'search', name: 'Search', method: 'GET', path: '/search' }],
  });
  await t.createConnector(key, {
    name: 'Unused',
    apiBaseUrl,
    actions: [{ key: 'x', name: 'X', method: 'GET', path: '/' }],
  });
});
afterEach(() => t.close());

async function connect(tenantId: string, connector: string) {
  const token = await t.mintSession(key, { tenantId });
  const response = await t.request('POST', '/v1/session/connections', {
    key: token,
    body: { connector, credentials: { apiKey: 'k' } },
  });
  expect(response.status).toBe(201);
  return response.json.id as string;
}

describe('GET /v1/mcp-tokens/preview', () => {
  it("lists one tool per action of each connector the tenant has an active connection of, and no other tenant's", async () => {
    await connect('acme', 'sendgrid');
    await connect('acme', 'sendgrid');
    await connect('acme', 'jira');
    await connect('globex', 'unused');
    const response = await t.request('GET', '/v1/mcp-tokens/preview?tenantId=acme', { key });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual([
      { name: 'jira_search', description: 'Search (Jira)', connector: 'jira', readOnly: true },
      {
        name: 'sendgrid_list-contacts',
        description: 'List contacts (SendGrid). Lists the contacts',
        connector: 'sendgrid',
        readOnly: true,
      },
      { name: 'sendgrid_send-mail', description: 'Send mail (SendGrid)', connector: 'sendgrid', readOnly: false },
    ]);
  });

  it('leaves out connectors whose only connection needs reauth, and answers an empty list for a new tenant', async () => {
    const id = await connect('acme', 'jira');
    await t.store.setConnectionStatus(id, 'needs_reauth', new Date().toISOString());
    expect((await t.request('GET', '/v1/mcp-tokens/preview?tenantId=acme', { key })).json.data).toEqual([]);
    expect((await t.request('GET', '/v1/mcp-tokens/preview?tenantId=nobody', { key })).json.data).toEqual([]);
  });

  it("shows another organization nothing of this one's tenant, and needs a valid tenant id", async () => {
    await connect('acme', 'jira');
    const other = (await t.createOrganization('Other')).secretKey;
    expect((await t.request('GET', '/v1/mcp-tokens/preview?tenantId=acme', { key: other })).json.data).toEqual([]);
    const missing = await t.request('GET', '/v1/mcp-tokens/preview', { key });
    expect([missing.status, missing.json.error.code]).toEqual([400, 'validation_failed']);
    const anonymous = await t.request('GET', '/v1/mcp-tokens/preview?tenantId=acme');
    expect(anonymous.status).toBe(401);
  });
});
