import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
});
afterEach(() => t.close());

describe('organization, members, keys and tenants', () => {
  it('reads and updates the organization, deduplicating origins', async () => {
    const updated = await t.request('PATCH', '/v1/organization', {
      key,
      body: { name: 'Vendor Inc', allowedOrigins: ['https://a.example', 'https://a.example', 'http://localhost:3000'] },
    });
    expect(updated.json).toMatchObject({
      name: 'Vendor Inc',
      allowedOrigins: ['https://a.example', 'http://localhost:3000'],
    });
    expect((await t.request('GET', '/v1/organization', { key })).json.name).toBe('Vendor Inc');
    const bad = await t.request('PATCH', '/v1/organization', { key, body: { allowedOrigins: ['*'] } });
    expect(bad.status).toBe(400);
  });

  it('adds members and refuses a second member with the same email', async () => {
    const created = await t.request('POST', '/v1/members', { key, body: { email: 'sam@vendor.example', name: 'Sam' } });
    expect(created.status).toBe(201);
    const duplicate = await t.request('POST', '/v1/members', {
      key,
      body: { email: 'SAM@vendor.example', name: 'Sam 2' },
    });
    expect([duplicate.status, duplicate.json.error.code]).toEqual([409, 'conflict']);
    const invalid = await t.request('POST', '/v1/members', { key, body: { email: 'not-an-email', name: 'X' } });
    expect(invalid.status).toBe(400);
    const list = await t.request('GET', '/v1/members', { key });
    expect(list.json.data.map((m: { name: string }) => m.name)).toEqual(['Olive Owner', 'Sam']);
  });

  it('creates a key shown once, lists keys without secrets, and revokes others but not itself', async () => {
    const created = await t.request('POST', '/v1/api-keys', { key, body: { name: 'CI' } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^pb_sk_/);
    const list = await t.request('GET', '/v1/api-keys', { key });
    expect(list.text).not.toContain(created.json.secret);
    expect(list.json.data).toHaveLength(2);
    expect(list.json.data[0].lastUsedAt).not.toBeNull();
    const self = list.json.data.find((k: { name: string }) => k.name === 'Default');
    expect((await t.request('DELETE', `/v1/api-keys/${self.id}`, { key })).status).toBe(409);
    expect((await t.request('DELETE', `/v1/api-keys/${created.json.id}`, { key })).status).toBe(204);
    expect((await t.request('GET', '/v1/organization', { key: created.json.secret })).status).toBe(401);
    expect((await t.request('DELETE', '/v1/api-keys/key_missing', { key })).status).toBe(404);
  });

  it("records a secret key's last use to the minute, not on every request", async () => {
    const lastUse = async () => {
      const list = await t.request('GET', '/v1/api-keys', { key });
      return list.json.data.find((k: { name: string }) => k.name === 'Default').lastUsedAt as string;
    };
    const first = await lastUse();
    t.clock.offsetMs += 30_000;
    expect(await lastUse()).toBe(first);
    t.clock.offsetMs += 30_000;
    const later = await lastUse();
    expect(Date.parse(later) - Date.parse(first)).toBeGreaterThanOrEqual(60_000);
  });

  it('lists tenants once they had a session, with their connection counts', async () => {
    await t.createConnector(key, { name: 'Open', authMethods: [{ kind: 'none' }] });
    const token = await t.mintSession(key, { tenantId: 'acme' });
    await t.mintSession(key, { tenantId: 'globex' });
    await t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'open' } });
    const { json } = await t.request('GET', '/v1/tenants', { key });
    expect(json.data.map((x: { id: string; connectionCount: number }) => [x.id, x.connectionCount])).toEqual([
      ['acme', 1],
      ['globex', 0],
    ]);
  });
});

describe('admin connections', () => {
  it('filters by tenant, connector and status, and deletes', async () => {
    await t.createConnector(key, { name: 'Open', authMethods: [{ kind: 'none' }] });
    await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
    const acme = await t.mintSession(key, { tenantId: 'acme' });
    const globex = await t.mintSession(key, { tenantId: 'globex' });
    const create = (token: string, body: object) => t.request('POST', '/v1/session/connections', { key: token, body });
    const first = await create(acme, { connector: 'open' });
    await create(acme, { connector: 'stripe', credentials: { token: 'sk_test_123456789' } });
    await create(globex, { connector: 'open' });

    const byTenant = await t.request('GET', '/v1/connections?tenantId=acme', { key });
    expect(byTenant.json.data).toHaveLength(2);
    const byConnector = await t.request('GET', '/v1/connections?connector=open', { key });
    expect(byConnector.json.data.map((c: { tenantId: string }) => c.tenantId).sort()).toEqual(['acme', 'globex']);
    const stripe = await t.request('GET', '/v1/connections?connector=stripe', { key });
    expect(stripe.json.data[0].maskedCredentials).toEqual({ token: '••••6789' });
    expect((await t.request('GET', '/v1/connections?status=revoked', { key })).json.data).toEqual([]);
    expect((await t.request('GET', '/v1/connections?status=bogus', { key })).status).toBe(400);

    expect((await t.request('DELETE', `/v1/connections/${first.json.id}`, { key })).status).toBe(204);
    expect((await t.request('GET', `/v1/connections/${first.json.id}`, { key })).status).toBe(404);
  });

  it('cannot reach another organization’s connections', async () => {
    const other = await t.createOrganization('Other');
    await t.createConnector(other.secretKey, { name: 'Open', authMethods: [{ kind: 'bearer' }] });
    const token = await t.mintSession(other.secretKey);
    const created = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'open', credentials: { token: 'tok_other_organization' } },
    });
    const path = `/v1/connections/${created.json.id}`;
    expect((await t.request('GET', path, { key })).status).toBe(404);
    expect((await t.request('DELETE', path, { key })).status).toBe(404);
    const credentials = await t.request('GET', `${path}/credentials`, { key });
    expect([credentials.status, credentials.json.error.code]).toEqual([404, 'not_found']);
    expect(credentials.text).not.toContain('tok_other_organization');
    expect((await t.request('GET', '/v1/connections', { key })).json.data).toEqual([]);
    // The connection is there for its own organization.
    const own = await t.request('GET', `${path}/credentials`, { key: other.secretKey });
    expect([own.status, own.json.credentials.token]).toEqual([200, 'tok_other_organization']);
  });
});
