import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/context.js';

// Tenant A's session against everything that belongs to tenant B (same organization) and to
// another organization: every session route must answer as if those things did not exist.
let t: TestContext;
let tokenA: string;
let tokenOtherOrg: string;
let connectionB: string;
let connectionOtherOrg: string;

beforeAll(async () => {
  t = await createTestContext();
  const vendor = await t.createOrganization('Vendor');
  const other = await t.createOrganization('Other');
  await t.createConnector(vendor.secretKey, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
  await t.createConnector(other.secretKey, {
    name: 'Secret Tool',
    visibility: 'private',
    authMethods: [{ kind: 'bearer' }],
  });
  tokenA = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-a' });
  const tokenB = await t.mintSession(vendor.secretKey, { tenantId: 'tenant-b' });
  tokenOtherOrg = await t.mintSession(other.secretKey, { tenantId: 'tenant-a' });
  const create = (token: string, connector: string) =>
    t.request('POST', '/v1/session/connections', { key: token, body: { connector, credentials: { token: 'tok_b' } } });
  connectionB = (await create(tokenB, 'stripe')).json.id;
  connectionOtherOrg = (await create(tokenOtherOrg, 'secret-tool')).json.id;
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('lists none of another tenant’s connections', async () => {
    const { json } = await t.request('GET', '/v1/session/connections', { key: tokenA });
    expect(json.data).toEqual([]);
  });

  it('counts none of another tenant’s connections on the cards', async () => {
    const { json } = await t.request('GET', '/v1/session/connectors', { key: tokenA });
    expect(json.data.map((c: { connectionCount: number }) => c.connectionCount)).toEqual([0]);
  });

  it.each([
    ['another tenant', () => connectionB],
    ['another organization', () => connectionOtherOrg],
  ])('cannot delete a connection of %s', async (_, id) => {
    const response = await t.request('DELETE', `/v1/session/connections/${id()}`, { key: tokenA });
    expect([response.status, response.json.error.code]).toEqual([404, 'not_found']);
  });

  it('cannot see or use another organization’s private connector', async () => {
    const cards = await t.request('GET', '/v1/session/connectors', { key: tokenA });
    expect(cards.json.data.map((c: { slug: string }) => c.slug)).toEqual(['stripe']);
    const response = await t.request('POST', '/v1/session/connections', {
      key: tokenA,
      body: { connector: 'secret-tool', credentials: { token: 'x' } },
    });
    expect(response.status).toBe(404);
  });

  it('describes only its own session', async () => {
    const { json } = await t.request('GET', '/v1/session', { key: tokenOtherOrg });
    expect(json.organization.name).toBe('Other');
  });

  it('left the other tenants’ connections in place', async () => {
    const { json } = await t.request('GET', '/v1/session/connections', { key: tokenOtherOrg });
    expect(json.data.map((c: { id: string }) => c.id)).toEqual([connectionOtherOrg]);
  });
});
