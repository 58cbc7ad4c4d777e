import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

const PUBLIC_URL = 'https://plugboard.vendor.example';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext({ publicUrl: PUBLIC_URL });
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey', name: 'X-Key' }] });
  await t.createConnector(key, { name: 'Jira', authMethods: [{ kind: 'basic' }] });
});
afterEach(() => t.close());

async function mintLink(body: Record<string, unknown> = {}) {
  const response = await t.request('POST', '/v1/connect-links', {
    key,
    body: { tenantId: 'acme', endUserId: 'ada', ...body },
  });
  if (response.status !== 201) throw new Error(`Link not minted: ${response.text}`);
  return response.json as { id: string; url: string; expiresAt: string };
}

const tokenOf = (url: string) => new URL(url).hash.slice(1);
const exchange = (token: string) => t.request('POST', '/v1/connect-links/exchange', { body: { token } });

describe('connect links', () => {
  it('mints a 7-day link on the public URL whose token is only in the fragment, and stores only its hash', async () => {
    const link = await mintLink();
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/connect`);
    expect(url.search).toBe('');
    expect(tokenOf(link.url)).toMatch(/^pb_cl_[\w-]{40,}$/);
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect((await t.databaseBytes()).includes(tokenOf(link.url))).toBe(false);
  });

  it('exchanges the token for a session limited to its connectors and to the server’s own origin', async () => {
    const link = await mintLink({ connectors: ['sendgrid'], endUserName: 'Ada', returnUrl: `${ORIGIN}/settings` });
    const opened = await exchange(tokenOf(link.url));
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.json).toMatchObject({
      organization: { name: 'Vendor' },
      endUserName: 'Ada',
      returnUrl: `${ORIGIN}/settings`,
    });
    const session = opened.json.sessionToken as string;
    const cards = await t.request('GET', '/v1/session/connectors', {
      key: session,
      headers: { origin: PUBLIC_URL },
    });
    expect(cards.json.data.map((card: { slug: string }) => card.slug)).toEqual(['sendgrid']);
    const info = await t.request('GET', '/v1/session', { key: session });
    expect(info.json).toMatchObject({ tenantId: 'acme', endUserId: 'ada' });
    const elsewhere = await t.request('GET', '/v1/session/connectors', { key: session, headers: { origin: ORIGIN } });
    expect([elsewhere.status, elsewhere.json.error.code]).toEqual([403, 'origin_not_allowed']);
    expect(t.logLines.join('\n')).not.toContain(tokenOf(link.url));
    expect(t.logLines.join('\n')).not.toContain(session);
  });

  // Security checklist item 37: connect-link tokens are single-purpose, expiring, and returnUrl stays on the
  // organization's allowed origins.
  it('refuses a returnUrl off the allowed origins (https://evil.example: 400) and stores no link', async () => {
    for (const returnUrl of ['https://evil.example', 'https://evil.example/settings', 'javascript:alert(1)']) {
      const response = await t.request('POST', '/v1/connect-links', {
        key,
        body: { tenantId: 'acme', endUserId: 'ada', returnUrl },
      });
      expect([response.status, response.json.error.code], returnUrl).toEqual([400, 'validation_failed']);
      expect(response.json.error.details.issues[0].path).toBe('returnUrl');
    }
    const listed = await t.request('GET', '/v1/connect-links', { key });
    expect(listed.json.data).toEqual([]);
  });

  it('a link token is only for the exchange: it is no credential for the API, and a session token is not a link', async () => {
    const token = tokenOf((await mintLink()).url);
    const asBearer = await t.request('GET', '/v1/session', { key: token });
    expect(asBearer.status).toBe(401);
    const asAdmin = await t.request('GET', '/v1/connect-links', { key: token });
    expect(asAdmin.status).toBe(401);
    const session = await t.mintSession(key);
    expect((await exchange(session)).status).toBe(404);
  });

  it('says when a link has expired, was revoked or was used up, and gives no session then', async () => {
    const expiring = await mintLink({ ttlSeconds: 60 });
    const revoked = await mintLink();
    const busy = await mintLink();
    t.clock.offsetMs = 61_000;
    expect((await exchange(tokenOf(expiring.url))).json.error.code).toBe('link_expired');
    expect((await t.request('DELETE', `/v1/connect-links/${revoked.id}`, { key })).status).toBe(204);
    const afterRevoke = await exchange(tokenOf(revoked.url));
    expect([afterRevoke.status, afterRevoke.json.error.code]).toEqual([410, 'link_revoked']);
    for (let open = 0; open < 5; open++) expect((await exchange(tokenOf(busy.url))).status).toBe(200);
    const usedUp = await exchange(tokenOf(busy.url));
    expect([usedUp.status, usedUp.json.error.code]).toEqual([410, 'link_used_up']);
    expect(usedUp.json).not.toHaveProperty('sessionToken');
    const unknown = await exchange('pb_cl_nothing');
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
  });

  it('lists links without their URLs, revokes only its own organization’s, and answers 404 for the rest', async () => {
    const link = await mintLink({ connectors: ['jira'] });
    const listed = await t.request('GET', '/v1/connect-links', { key });
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0]).toMatchObject({ id: link.id, tenantId: 'acme', opens: 0, revokedAt: null });
    expect(JSON.stringify(listed.json)).not.toContain(tokenOf(link.url));
    const other = (await t.createOrganization('Other')).secretKey;
    const foreign = await t.request('DELETE', `/v1/connect-links/${link.id}`, { key: other });
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'not_found']);
    expect((await exchange(tokenOf(link.url))).status).toBe(200);
  });

  it('rejects bad bodies with a coded 400, unknown connectors with 404, and console members with 403', async () => {
    for (const body of [{ ttlSeconds: 10 }, { ttlSeconds: 31 * 86_400 }, { tenantId: '' }, { extra: true }]) {
      const response = await t.request('POST', '/v1/connect-links', {
        key,
        body: { tenantId: 't', endUserId: 'u', ...body },
      });
      expect([response.status, response.json.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    const unknown = await t.request('POST', '/v1/connect-links', {
      key,
      body: { tenantId: 't', endUserId: 'u', connectors: ['nope'] },
    });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
    const malformed = await t.request('POST', '/v1/connect-links/exchange', { body: { token: 42 } });
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'validation_failed']);
    const { organization } = await t.createOrganization('Console org');
    await t.createConsoleMember(organization.id);
    const member = await t.signIn();
    const fromConsole = await t.request('POST', '/v1/connect-links', {
      console: member.console,
      body: { tenantId: 't', endUserId: 'u' },
    });
    expect([fromConsole.status, fromConsole.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('serves the hosted page with the callback page’s strict headers and nothing from another origin', async () => {
    const page = await t.request('GET', '/connect');
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.text).toContain('<script type="module" src="/widget/plugboard-connect.js">');
    expect(page.text).toContain("history.replaceState(null, '', location.pathname)");
    expect(page.text.match(/(?:src|href)="[^"]*"/g)?.every((ref) => /="(\/[^/]|data:)/.test(ref))).toBe(true);
    expect(page.text).not.toMatch(/https?:\/\//);
  });
});

describe('connect links without a public URL', () => {
  it('cannot be minted: 400 not_configured', async () => {
    const bare = await createTestContext();
    const secret = (await bare.createOrganization()).secretKey;
    const response = await bare.request('POST', '/v1/connect-links', {
      key: secret,
      body: { tenantId: 't', endUserId: 'u' },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'not_configured']);
    await bare.close();
  });
});
