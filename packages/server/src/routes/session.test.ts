import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey', name: 'X-Key' }] });
  await t.createConnector(key, { name: 'Jira', visibility: 'public', authMethods: [{ kind: 'basic' }] });
});
afterEach(() => t.close());

describe('connect sessions', () => {
  it('mints a 30-minute session whose token is shown once', async () => {
    const response = await t.request('POST', '/v1/connect-sessions', {
      key,
      body: { tenantId: 'acme', endUserId: 'u1' },
    });
    expect(response.status).toBe(201);
    expect(response.json.token).toMatch(/^pb_cs_/);
    const minutes = (Date.parse(response.json.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const info = await t.request('GET', '/v1/session', { key: response.json.token });
    expect(info.json).toMatchObject({ tenantId: 'acme', endUserId: 'u1', organization: { name: 'Vendor' } });
  });

  it('rejects unknown connectors, bad origins and out-of-range lifetimes', async () => {
    for (const body of [
      { allowedConnectors: ['nope'] },
      { allowedOrigins: ['https://app.example.com/path'] },
      { ttlSeconds: 10 },
      { tenantId: '' },
    ]) {
      const response = await t.request('POST', '/v1/connect-sessions', {
        key,
        body: { tenantId: 't', endUserId: 'u', ...body },
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('expires: 401 session_expired after its lifetime', async () => {
    const token = await t.mintSession(key, { ttlSeconds: 60 });
    t.clock.offsetMs = 61_000;
    const response = await t.request('GET', '/v1/session/connectors', { key: token });
    expect([response.status, response.json.error.code]).toEqual([401, 'session_expired']);
  });

  it('refuses an unknown token and a secret key on session routes', async () => {
    expect((await t.request('GET', '/v1/session/connectors', { key: 'pb_cs_forged' })).status).toBe(401);
    expect((await t.request('GET', '/v1/session/connectors', { key })).status).toBe(401);
  });
});

describe('session routes', () => {
  it('lists cards with public auth details only, sorted by name', async () => {
    const token = await t.mintSession(key);
    const { json } = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(json.data.map((c: { name: string }) => c.name)).toEqual(['Jira', 'SendGrid']);
    expect(json.data[1].authMethods).toEqual([
      {
        id: expect.stringMatching(/^am_/),
        kind: 'apiKey',
        label: 'API key',
        isDefault: true,
        in: 'header',
        name: 'X-Key',
      },
    ]);
    expect(json.data[1]).toMatchObject({ connectionCount: 0, personal: false, createdBy: { name: 'Olive Owner' } });
  });

  it('marks private connectors created by the end user as personal', async () => {
    const token = await t.mintSession(key, { endUserId: 'olive' });
    const { json } = await t.request('GET', '/v1/session/connectors', { key: token });
    const personal = Object.fromEntries(
      json.data.map((c: { name: string; personal: boolean }) => [c.name, c.personal]),
    );
    expect(personal).toEqual({ Jira: false, SendGrid: true });
  });

  it('narrows cards to the session’s allowed connectors', async () => {
    const token = await t.mintSession(key, { allowedConnectors: ['jira'] });
    const { json } = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(json.data.map((c: { slug: string }) => c.slug)).toEqual(['jira']);
    const refused = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'k' } },
    });
    expect(refused.status).toBe(404);
  });

  it('creates connections with server ids and counts them on the card', async () => {
    const token = await t.mintSession(key);
    const first = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'SG.first' } },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      connectorSlug: 'sendgrid',
      label: 'SendGrid',
      status: 'active',
      createdBy: 'user-1',
    });
    expect(first.json.id).toMatch(/^cxn_/);
    const second = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', label: 'Production', credentials: { apiKey: 'SG.second' } },
    });
    expect(second.json.label).toBe('Production');
    const cards = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(cards.json.data.find((c: { slug: string }) => c.slug === 'sendgrid').connectionCount).toBe(2);
    const list = await t.request('GET', '/v1/session/connections', { key: token });
    expect(list.json.data).toHaveLength(2);
  });

  it('reports credential problems on their fields and stores nothing', async () => {
    const token = await t.mintSession(key);
    const missing = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'jira', credentials: { username: 'ada' } },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.issues).toEqual([{ path: 'credentials.password', message: expect.any(String) }]);
    const extra = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'k', password: 'p' } },
    });
    expect(extra.status).toBe(400);
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toEqual([]);
  });

  it('rejects a client-chosen id and overwrites nothing', async () => {
    const token = await t.mintSession(key);
    const created = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'sendgrid', credentials: { apiKey: 'original' } },
    });
    const hijack = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { id: created.json.id, connector: 'sendgrid', credentials: { apiKey: 'replaced' } },
    });
    expect([hijack.status, hijack.json.error.code]).toEqual([400, 'validation_failed']);
    const admin = await t.request('GET', `/v1/connections/${created.json.id}`, { key });
    expect(admin.json.maskedCredentials).toEqual({ apiKey: '••••••••' });
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toHaveLength(1);
  });

  it('says OAuth 2.0 and custom methods connect through their own flow', async () => {
    await t.createConnector(key, {
      name: 'Slack',
      authMethods: [
        { kind: 'oauth2', authorizationUrl: 'https://slack.com/oauth', tokenUrl: 'https://slack.com/token' },
      ],
    });
    const token = await t.mintSession(key);
    const response = await t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'slack' } });
    expect([response.status, response.json.error.code]).toEqual([400, 'auth_method_not_supported']);
  });

  it('deletes the tenant’s own connection', async () => {
    const token = await t.mintSession(key);
    const created = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'jira', credentials: { username: 'a', password: 'b' } },
    });
    expect((await t.request('DELETE', `/v1/session/connections/${created.json.id}`, { key: token })).status).toBe(204);
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toEqual([]);
  });
});

describe('origins and CORS', () => {
  it('answers allowed origins with CORS headers', async () => {
    const token = await t.mintSession(key);
    const response = await t.request('GET', '/v1/session/connectors', { key: token, headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses another origin with 403 and creates nothing', async () => {
    const token = await t.mintSession(key);
    const response = await t.request('POST', '/v1/session/connections', {
      key: token,
      headers: { origin: 'https://evil.example' },
      body: { connector: 'sendgrid', credentials: { apiKey: 'k' } },
    });
    expect([response.status, response.json.error.code]).toEqual([403, 'origin_not_allowed']);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await t.request('GET', '/v1/session/connections', { key: token })).json.data).toEqual([]);
  });

  it('narrows to the session’s own origins when it has them', async () => {
    const token = await t.mintSession(key, { allowedOrigins: ['https://other.vendor.example'] });
    const response = await t.request('GET', '/v1/session', { key: token, headers: { origin: ORIGIN } });
    expect(response.status).toBe(403);
  });

  it('answers preflights for session routes only', async () => {
    const preflight = await t.request('OPTIONS', '/v1/session/connections', { headers: { origin: ORIGIN } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const admin = await t.request('GET', '/v1/connectors', { key, headers: { origin: ORIGIN } });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});
