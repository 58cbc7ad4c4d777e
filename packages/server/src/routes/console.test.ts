import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_MEMBER, type ConsoleCredentials, createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
let organizationId: string;
let ada: { id: string };
let oliveId: string;
beforeEach(async () => {
  t = await createTestContext();
  const created = await t.createOrganization();
  key = created.secretKey;
  organizationId = created.organization.id;
  oliveId = created.memberId;
  ada = await t.createConsoleMember(organizationId);
});
afterEach(() => t.close());

/** Signs Ada in and returns her cookie and CSRF token. */
async function signedIn(): Promise<ConsoleCredentials> {
  const { response, console } = await t.signIn();
  expect(response.status, response.text).toBe(200);
  return console;
}

describe('console sign-in', () => {
  it('signs a member in: account with a CSRF token, and an HttpOnly, SameSite=Strict session cookie', async () => {
    const { response } = await t.signIn();
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      member: expect.objectContaining({ id: ada.id, email: CONSOLE_MEMBER.email, name: 'Ada Admin' }),
      organization: expect.objectContaining({ id: organizationId, name: 'Vendor' }),
      csrfToken: expect.stringMatching(/^[\w-]{40,}$/),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^plugboard_console=pb_cn_[\w-]{40,};/);
    const attributes = cookie.split(/;\s*/).slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']));
    expect(attributes).not.toContain('Secure');
    expect(JSON.stringify(response.json)).not.toContain('password');
  });

  it('marks the cookie Secure when the request comes over https', async () => {
    const response = await t.app.request('https://plugboard.example/v1/console/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CONSOLE_MEMBER.email, password: CONSOLE_MEMBER.password }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('accepts the email in any case', async () => {
    expect((await t.signIn('ADA@Vendor.example')).response.status).toBe(200);
  });

  it('answers a wrong password and an unknown email with the same 401 and sets no cookie', async () => {
    const wrong = await t.signIn(CONSOLE_MEMBER.email, 'not the password');
    const unknown = await t.signIn('nobody@vendor.example', CONSOLE_MEMBER.password);
    expect(wrong.response.status).toBe(401);
    expect(wrong.response.json).toEqual({
      error: { code: 'invalid_credentials', message: 'Email or password is wrong' },
    });
    expect(unknown.response.status).toBe(401);
    expect(unknown.response.json).toEqual(wrong.response.json);
    expect(wrong.response.headers.get('set-cookie')).toBeNull();
    expect(unknown.response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a member without a password', async () => {
    const members = await t.store.listMembers(organizationId);
    const olive = members.find((member) => member.email === 'olive@vendor.example');
    expect(olive).toBeDefined();
    expect((await t.signIn('olive@vendor.example', 'anything at all')).response.status).toBe(401);
  });

  it('rejects extra fields in the body', async () => {
    const response = await t.request('POST', '/v1/console/sign-in', {
      body: { ...CONSOLE_MEMBER, remember: true },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'validation_failed']);
  });

  it('limits failures per email: the 11th attempt gets 429 with Retry-After, even with the right password', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await t.signIn(CONSOLE_MEMBER.email, `wrong ${attempt}`)).response.status).toBe(401);
    }
    const limited = await t.signIn();
    expect([limited.response.status, limited.response.json.error.code]).toEqual([429, 'rate_limited']);
    const retryAfter = Number(limited.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.response.headers.get('set-cookie')).toBeNull();
    t.clock.offsetMs = 15 * 60_000 + 1000;
    expect((await t.signIn()).response.status).toBe(200);
  });

  it('refuses a sign-in posted from another origin', async () => {
    const response = await t.request('POST', '/v1/console/sign-in', {
      body: { email: CONSOLE_MEMBER.email, password: CONSOLE_MEMBER.password },
      headers: { origin: 'https://evil.example' },
    });
    expect([response.status, response.json.error.code]).toEqual([403, 'csrf_failed']);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('keeps no plaintext password or session token in the database file or its WAL', async () => {
    const { response, console } = await t.signIn();
    const token = console.cookie.split('=')[1] ?? '';
    expect(token).toMatch(/^pb_cn_/);
    const bytes = await t.databaseBytes();
    expect(bytes.includes(CONSOLE_MEMBER.password)).toBe(false);
    expect(bytes.includes(token)).toBe(false);
    expect(bytes.includes('scrypt$')).toBe(true);
    expect(response.json.csrfToken).toBeTruthy();
  });

  it('writes neither the password nor the session token to the log', async () => {
    const { console } = await t.signIn();
    await t.signIn(CONSOLE_MEMBER.email, 'a wrong password');
    await t.request('GET', '/v1/console/me', { console });
    const log = t.logLines.join('\n');
    expect(log).not.toContain(CONSOLE_MEMBER.password);
    expect(log).not.toContain('a wrong password');
    expect(log).not.toContain(console.cookie.split('=')[1]);
  });
});

describe('console session', () => {
  it('describes the signed-in member with the CSRF token given at sign-in', async () => {
    const console = await signedIn();
    const me = await t.request('GET', '/v1/console/me', { console: { cookie: console.cookie } });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ member: { id: ada.id }, organization: { id: organizationId } });
    expect(me.json.csrfToken).toBe(console.csrfToken);
  });

  it('answers 401 unauthenticated without a cookie, with a forged one, and to a secret key', async () => {
    for (const options of [{}, { console: { cookie: 'plugboard_console=pb_cn_forged' } }, { key }]) {
      const me = await t.request('GET', '/v1/console/me', options);
      expect([me.status, me.json.error.code]).toEqual([401, 'unauthenticated']);
    }
  });

  it('signs out: 204, the cookie cleared, and the old cookie no longer works', async () => {
    const console = await signedIn();
    const out = await t.request('POST', '/v1/console/sign-out', { console });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^plugboard_console=;.*Max-Age=0/);
    const me = await t.request('GET', '/v1/console/me', { console });
    expect([me.status, me.json.error.code]).toEqual([401, 'unauthenticated']);
    expect((await t.request('GET', '/v1/connectors', { console })).status).toBe(401);
  });

  it('expires after 12 hours', async () => {
    const console = await signedIn();
    t.clock.offsetMs = 12 * 60 * 60_000 + 1000;
    const me = await t.request('GET', '/v1/console/me', { console });
    expect([me.status, me.json.error.code]).toEqual([401, 'unauthenticated']);
    expect(me.json.error.message).toMatch(/expired/);
  });

  it('ends every console session of a member whose password changes', async () => {
    const console = await signedIn();
    const { setMemberPassword } = await import('../services/console.js');
    const member = await t.store.getMember(ada.id);
    await setMemberPassword(
      { store: t.store, keyring: t.keyring, logger: { info() {}, warn() {}, error() {} }, now: () => new Date() },
      member as NonNullable<typeof member>,
      'a brand new password',
    );
    expect((await t.request('GET', '/v1/console/me', { console })).status).toBe(401);
    expect((await t.signIn(CONSOLE_MEMBER.email, 'a brand new password')).response.status).toBe(200);
  });
});

describe('admin routes with the console cookie', () => {
  it('reads and writes the organization’s data with the cookie and the CSRF header', async () => {
    const console = await signedIn();
    expect((await t.request('GET', '/v1/connectors', { console: { cookie: console.cookie } })).status).toBe(200);
    const created = await t.request('POST', '/v1/connectors', {
      console,
      headers: { origin: 'http://localhost' },
      body: { name: 'Stripe', authMethods: [{ kind: 'bearer' }] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.createdBy).toEqual({ id: ada.id, name: 'Ada Admin', externalId: null });
    const patched = await t.request('PATCH', `/v1/connectors/${created.json.id}`, {
      console,
      body: { visibility: 'public' },
    });
    expect(patched.json.visibility).toBe('public');
    expect((await t.request('DELETE', `/v1/connectors/${created.json.id}`, { console })).status).toBe(204);
  });

  it('keeps the creator the body names', async () => {
    const console = await signedIn();
    const members = await t.store.listMembers(organizationId);
    const olive = members.find((member) => member.email === 'olive@vendor.example');
    const created = await t.request('POST', '/v1/connectors', {
      console,
      body: { name: 'Stripe', authMethods: [{ kind: 'bearer' }], createdBy: olive?.id },
    });
    expect(created.json.createdBy.name).toBe('Olive Owner');
  });

  it.each([
    ['no CSRF header', (c: ConsoleCredentials) => ({ console: { cookie: c.cookie } })],
    ['a wrong CSRF header', (c: ConsoleCredentials) => ({ console: { cookie: c.cookie, csrfToken: 'guess' } })],
    ['a foreign Origin', (c: ConsoleCredentials) => ({ console: c, headers: { origin: 'https://evil.example' } })],
  ])('refuses a write with %s: 403 csrf_failed and nothing changed', async (_, options) => {
    const console = await signedIn();
    const base = options(console);
    const body = { name: 'Forged', authMethods: [{ kind: 'none' }] };
    const create = await t.request('POST', '/v1/connectors', { ...base, body });
    expect([create.status, create.json.error.code]).toEqual([403, 'csrf_failed']);
    const existing = await t.createConnector(key, { name: 'Kept' });
    const patch = await t.request('PATCH', `/v1/connectors/${existing.id}`, { ...base, body: { name: 'Changed' } });
    expect([patch.status, patch.json.error.code]).toEqual([403, 'csrf_failed']);
    const remove = await t.request('DELETE', `/v1/connectors/${existing.id}`, base);
    expect([remove.status, remove.json.error.code]).toEqual([403, 'csrf_failed']);
    const out = await t.request('POST', '/v1/console/sign-out', base);
    expect([out.status, out.json.error.code]).toEqual([403, 'csrf_failed']);
    const list = await t.request('GET', '/v1/connectors', { key });
    expect(list.json.data.map((connector: { name: string }) => connector.name)).toEqual(['Kept']);
    expect((await t.request('GET', '/v1/console/me', { console })).status).toBe(200);
  });

  it('refuses the cookie where secrets are handed out: credentials and new API keys', async () => {
    const console = await signedIn();
    await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
    const token = await t.mintSession(key);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'stripe', credentials: { token: 'sk_live_canary_1234567' } },
    });
    const credentials = await t.request('GET', `/v1/connections/${connection.json.id}/credentials`, { console });
    expect([credentials.status, credentials.json.error.code]).toEqual([403, 'forbidden']);
    expect(credentials.text).not.toContain('sk_live_canary');
    const apiKey = await t.request('POST', '/v1/api-keys', { console, body: { name: 'Sneaky' } });
    expect([apiKey.status, apiKey.json.error.code]).toEqual([403, 'forbidden']);
    const keys = await t.request('GET', '/v1/api-keys', { console });
    expect(keys.json.data.map((k: { name: string }) => k.name)).toEqual(['Default']);
    const masked = await t.request('GET', `/v1/connections/${connection.json.id}`, { console });
    expect(masked.json.maskedCredentials).toEqual({ token: '••••4567' });
  });

  it('shows a member only their own organization’s data, plus others’ public connectors read-only', async () => {
    const other = await t.createOrganization('Other');
    await t.createConnector(other.secretKey, { name: 'Hidden', visibility: 'private' });
    const shared = await t.createConnector(other.secretKey, { name: 'Shared', visibility: 'public' });
    const otherSession = await t.mintSession(other.secretKey, { tenantId: 'other-tenant' });
    const otherConnection = await t.request('POST', '/v1/session/connections', {
      key: otherSession,
      body: { connector: 'shared', credentials: { apiKey: 'k-other' } },
    });
    await t.createConnector(key, { name: 'Mine' });
    const console = await signedIn();
    const connectors = await t.request('GET', '/v1/connectors', { console });
    expect(connectors.json.data.map((c: { name: string; editable: boolean }) => [c.name, c.editable])).toEqual([
      ['Shared', false],
      ['Mine', true],
    ]);
    expect((await t.request('GET', '/v1/connections', { console })).json.data).toEqual([]);
    expect((await t.request('GET', `/v1/connections/${otherConnection.json.id}`, { console })).status).toBe(404);
    expect((await t.request('GET', '/v1/tenants', { console })).json.data).toEqual([]);
    expect((await t.request('GET', '/v1/organization', { console })).json.id).toBe(organizationId);
    const members = await t.request('GET', '/v1/members', { console });
    expect(members.json.data.map((m: { email: string }) => m.email).sort()).toEqual([
      'ada@vendor.example',
      'olive@vendor.example',
    ]);
    const patch = await t.request('PATCH', `/v1/connectors/${shared.id}`, { console, body: { name: 'Mine now' } });
    expect([patch.status, patch.json.error.code]).toEqual([403, 'forbidden']);
  });
});

describe('connection counts on connectors', () => {
  it('counts the organization’s connections of each connector across its tenants', async () => {
    const connector = await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
    for (const tenantId of ['tenant-a', 'tenant-b', 'tenant-b']) {
      const token = await t.mintSession(key, { tenantId });
      await t.request('POST', '/v1/session/connections', {
        key: token,
        body: { connector: 'stripe', credentials: { token: 't' } },
      });
    }
    expect((await t.request('GET', `/v1/connectors/${connector.id}`, { key })).json.connectionCount).toBe(3);
    expect((await t.request('GET', '/v1/connectors', { key })).json.data[0].connectionCount).toBe(3);
  });
});

describe('console test sessions', () => {
  it('mints a session for the member on their test tenant, from the console’s origin, with every visible connector', async () => {
    const other = await t.createOrganization('Other');
    await t.createConnector(other.secretKey, { name: 'Shared', visibility: 'public' });
    await t.createConnector(other.secretKey, { name: 'Hidden', visibility: 'private' });
    await t.createConnector(key, { name: 'Mine' });
    const console = await signedIn();
    const response = await t.request('POST', '/v1/console/test-session', { console, body: {} });
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      token: expect.stringMatching(/^pb_cs_/),
      tenantId: `console-test-${ada.id}`,
      endUserId: ada.id,
      allowedOrigins: ['http://localhost'],
    });
    expect(response.json.allowedConnectors).toHaveLength(2);
    const info = await t.request('GET', '/v1/session', { key: response.json.token });
    expect(info.json).toMatchObject({ endUserName: 'Ada Admin', tenantId: `console-test-${ada.id}` });
    const cards = await t.request('GET', '/v1/session/connectors', { key: response.json.token });
    expect(cards.json.data.map((card: { name: string }) => card.name)).toEqual(['Mine', 'Shared']);
    const foreign = await t.request('GET', '/v1/session', {
      key: response.json.token,
      headers: { origin: 'https://app.vendor.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('uses the tenant asked for, and the member’s external id as end user', async () => {
    await t.createConsoleMember(organizationId, { email: 'bob@vendor.example', name: 'Bob', externalId: 'bob-7' });
    const { console } = await t.signIn('bob@vendor.example');
    const response = await t.request('POST', '/v1/console/test-session', { console, body: { tenantId: 'globex' } });
    expect(response.json).toMatchObject({ tenantId: 'globex', endUserId: 'bob-7' });
    const bad = await t.request('POST', '/v1/console/test-session', { console, body: { tenantId: 'not valid!' } });
    expect(bad.status).toBe(400);
  });

  it('marks private connectors the member created as personal, and others’ public ones as not', async () => {
    const other = await t.createOrganization('Other');
    await t.createConnector(other.secretKey, { name: 'Shared', visibility: 'public' });
    // Named, not left to the default creator: Olive and Ada may be created within one millisecond, and then which
    // of them counts as the organization's first member is up to their ids' random part.
    await t.createConnector(key, { name: 'By Olive', visibility: 'private', createdBy: oliveId });
    const console = await signedIn();
    await t.request('POST', '/v1/connectors', {
      console,
      body: { name: 'By Ada', visibility: 'private', authMethods: [{ kind: 'none' }] },
    });
    await t.request('POST', '/v1/connectors', {
      console,
      body: { name: 'Public By Ada', visibility: 'public', authMethods: [{ kind: 'none' }] },
    });
    const session = await t.request('POST', '/v1/console/test-session', { console, body: {} });
    const cards = await t.request('GET', '/v1/session/connectors', { key: session.json.token });
    const personal = Object.fromEntries(
      cards.json.data.map((card: { name: string; personal: boolean }) => [card.name, card.personal]),
    );
    expect(personal).toEqual({ 'By Ada': true, 'By Olive': false, 'Public By Ada': false, Shared: false });
  });

  it('needs the CSRF header like every console write', async () => {
    const console = await signedIn();
    const response = await t.request('POST', '/v1/console/test-session', {
      console: { cookie: console.cookie },
      body: {},
    });
    expect([response.status, response.json.error.code]).toEqual([403, 'csrf_failed']);
  });

  it('keeps the external id rule for sessions the vendor mints', async () => {
    // Named, not left to the default creator: Olive and Ada may be created within one millisecond, and then which
    // of them counts as the organization's first member is up to their ids' random part.
    await t.createConnector(key, { name: 'By Olive', visibility: 'private', createdBy: oliveId });
    const token = await t.mintSession(key, { endUserId: 'olive' });
    const cards = await t.request('GET', '/v1/session/connectors', { key: token });
    expect(cards.json.data[0].personal).toBe(true);
  });
});
