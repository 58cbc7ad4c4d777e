import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey', name: 'X-Key' }] });
  await t.createConnector(key, { name: 'Jira', visibility: 'public', authMethods: [{ kind: 'basic' }] });
});
afterEach(() => t.close());

describe('GET /v1/session/bootstrap', () => {
  it('returns the session and the very cards the listing returns, counts included, in one request', async () => {
    const token = await t.mintSession(key, { tenantId: 'acme', endUserId: 'u1' });
    const connected = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'SG.bootstrap-canary' } },
    });
    expect(connected.status).toBe(201);

    const bootstrap = await t.request('GET', '/v1/session/bootstrap', { key: token });
    expect(bootstrap.status).toBe(200);
    expect(bootstrap.json.session).toMatchObject({
      tenantId: 'acme',
      endUserId: 'u1',
      organization: { name: 'Vendor' },
      expiresAt: expect.any(String),
    });
    const listing = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(bootstrap.json.connectors).toEqual(listing.json.data);
    expect(bootstrap.json.connectors.map((card: { name: string }) => card.name)).toEqual(['Jira', 'SendGrid']);
    expect(bootstrap.json.connectors[1].connectionCount).toBe(1);
    expect(bootstrap.text).not.toContain('SG.bootstrap-canary');
  });

  it('shows only the session’s allowed connectors', async () => {
    const token = await t.mintSession(key, { allowedConnectors: ['jira'] });
    const { json } = await t.request('GET', '/v1/session/bootstrap', { key: token });
    expect(json.connectors.map((card: { slug: string }) => card.slug)).toEqual(['jira']);
  });

  it('answers only a live connect session', async () => {
    const secretKey = await t.request('GET', '/v1/session/bootstrap', { key });
    expect([secretKey.status, secretKey.json.error.code]).toEqual([401, 'unauthenticated']);
    const token = await t.mintSession(key, { ttlSeconds: 60 });
    t.clock.offsetMs = 61_000;
    const expired = await t.request('GET', '/v1/session/bootstrap', { key: token });
    expect([expired.status, expired.json.error.code]).toEqual([401, 'session_expired']);
  });
});
