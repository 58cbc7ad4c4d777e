import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext({ publicUrl: 'https://plugboard.example.com' });
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'Acme CRM', authMethods: [{ kind: 'bearer' }] });
});
afterEach(() => t.close());

const mint = (body: Record<string, unknown>, secret = key) =>
  t.request('POST', '/v1/mcp-tokens', { key: secret, body: { tenantId: 'tenant-a', endUserId: 'user-1', ...body } });

describe('MCP tokens', () => {
  it('mints a token for 24 hours by default with the MCP URL, storing only its hash', async () => {
    const before = Date.now();
    const created = await mint({ endUserName: 'Ann', connectors: ['acme-crm'], tools: ['acme-crm_me'] });
    expect(created.status, created.text).toBe(201);
    expect(created.json.token).toMatch(/^pb_mt_[A-Za-z0-9_-]{43}$/);
    expect(created.json.url).toBe('https://plugboard.example.com/v1/mcp');
    const lifetime = Date.parse(created.json.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    expect((await t.databaseBytes()).includes(Buffer.from(created.json.token))).toBe(false);
  });

  it('refuses a lifetime over 30 days, an unknown connector and a bad tool name, storing nothing', async () => {
    for (const body of [{ ttlSeconds: 30 * 86_400 + 1 }, { connectors: ['nope'] }, { tools: ['has space'] }]) {
      const refused = await mint(body);
      expect([refused.status, refused.json.error.code]).toEqual([400, 'validation_failed']);
    }
    expect((await t.request('GET', '/v1/mcp-tokens', { key })).json.data).toEqual([]);
  });

  it('lists tokens without the token and revokes one, which then is gone', async () => {
    const created = await mint({ connectors: ['acme-crm'] });
    const listed = await t.request('GET', '/v1/mcp-tokens', { key });
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0]).toMatchObject({ id: created.json.id, tenantId: 'tenant-a', tools: null });
    expect(listed.json.data[0].connectors).toHaveLength(1);
    expect(listed.text).not.toContain(created.json.token);
    expect((await t.request('DELETE', `/v1/mcp-tokens/${created.json.id}`, { key })).status).toBe(204);
    expect((await t.request('GET', '/v1/mcp-tokens', { key })).json.data).toEqual([]);
    const again = await t.request('DELETE', `/v1/mcp-tokens/${created.json.id}`, { key });
    expect([again.status, again.json.error.code]).toEqual([404, 'not_found']);
  });

  it("neither lists nor revokes another organization's tokens", async () => {
    const created = await mint({});
    const other = (await t.createOrganization('Other')).secretKey;
    expect((await t.request('GET', '/v1/mcp-tokens', { key: other })).json.data).toEqual([]);
    expect((await t.request('DELETE', `/v1/mcp-tokens/${created.json.id}`, { key: other })).status).toBe(404);
    expect((await t.request('GET', '/v1/mcp-tokens', { key })).json.data).toHaveLength(1);
  });

  it('is minted with a secret key only, not from the console', async () => {
    const { organization } = await t.createOrganization('Console org');
    await t.createConsoleMember(organization.id);
    const { console } = await t.signIn();
    const refused = await t.request('POST', '/v1/mcp-tokens', {
      console,
      body: { tenantId: 'tenant-a', endUserId: 'user-1' },
    });
    expect([refused.status, refused.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('are described in the OpenAPI document, with the MCP endpoint and its credentials', async () => {
    const { json } = await t.request('GET', '/v1/openapi.json');
    expect(Object.keys(json.paths['/v1/mcp-tokens']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(json.paths['/v1/mcp-tokens/{id}'])).toEqual(['delete']);
    expect(json.paths['/v1/mcp'].post.security).toEqual([{ mcpToken: [] }, { secretKey: [] }]);
    expect(json.components.securitySchemes.mcpToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
