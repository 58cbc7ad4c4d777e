import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCredentials, sealCredentials } from './crypto/credential-cipher.js';
import { Keyring } from './crypto/keyring.js';
import { createTestContext, type TestContext } from './test/context.js';

const canaries = {
  apiKey: 'CANARY-apikey-7d41c9e2b8',
  token: 'CANARY-bearer-2f9a61c0d3',
  password: 'CANARY-password-b52e0f7a91',
};

let t: TestContext;
let key: string;
let token: string;
let ids: string[];

beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey' }] });
  await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
  await t.createConnector(key, { name: 'Jira', authMethods: [{ kind: 'basic' }] });
  token = await t.mintSession(key);
  const bodies = [
    { connector: 'sendgrid', credentials: { apiKey: canaries.apiKey } },
    { connector: 'stripe', credentials: { token: canaries.token } },
    { connector: 'jira', credentials: { username: 'ada@example.com', password: canaries.password } },
  ];
  ids = [];
  for (const body of bodies)
    ids.push((await t.request('POST', '/v1/session/connections', { key: token, body })).json.id);
});
afterEach(() => t.close());

describe('secrets at rest and in transit', () => {
  it('leaves no plaintext credential, session token or secret key in the database file or its WAL', async () => {
    const bytes = await t.databaseBytes();
    for (const secret of [...Object.values(canaries), token, key]) expect(bytes.includes(secret), secret).toBe(false);
  });

  it('returns no credential from any session route', async () => {
    for (const path of ['/v1/session/connections', '/v1/session/connectors', '/v1/session/bootstrap', '/v1/session']) {
      const { text } = await t.request('GET', path, { key: token });
      for (const secret of Object.values(canaries)) expect(text).not.toContain(secret);
    }
  });

  it('shows admins masked values only', async () => {
    const { json, text } = await t.request('GET', '/v1/connections', { key });
    for (const secret of Object.values(canaries)) expect(text).not.toContain(secret);
    const masks = Object.fromEntries(
      json.data.map((c: { connectorSlug: string; maskedCredentials: object }) => [
        c.connectorSlug,
        c.maskedCredentials,
      ]),
    );
    expect(masks).toEqual({
      sendgrid: { apiKey: '••••e2b8' },
      stripe: { token: '••••c0d3' },
      jira: { username: 'ada@example.com', password: '••••••••' },
    });
  });

  it('writes no secret to the log', async () => {
    await t.request('GET', '/v1/connections', { key });
    await t.request('POST', '/v1/session/connections', {
      key: token,
      raw: `{"connector":"x","credentials":{"apiKey":"${canaries.apiKey}"`,
      headers: { 'content-type': 'application/json' },
    });
    const log = t.logLines.join('\n');
    expect(t.logLines.length).toBeGreaterThan(3);
    for (const secret of [...Object.values(canaries), token, key]) expect(log).not.toContain(secret);
  });

  it('refuses a ciphertext copied into another connection’s row', async () => {
    const [first, second] = ids as [string, string];
    const sealed = await t.store.getCredentials(first);
    const other = await t.store.getConnection(second);
    expect(sealed && other).toBeTruthy();
    const owner = {
      organizationId: other?.organizationId ?? '',
      tenantId: other?.tenantId ?? '',
      connectionId: second,
    };
    expect(() => openCredentials(t.keyring, owner, sealed as NonNullable<typeof sealed>)).toThrow(/do not decrypt/);
  });
});

describe('credential encryption', () => {
  const owner = { organizationId: 'org_1', tenantId: 'tenant-a', connectionId: 'cxn_1' };

  it('gives two different ciphertexts for one value, and both open', () => {
    const keyring = Keyring.generate();
    const a = sealCredentials(keyring, owner, { apiKey: 'same' });
    const b = sealCredentials(keyring, owner, { apiKey: 'same' });
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.nonce).toHaveLength(12);
    expect(openCredentials(keyring, owner, b)).toEqual({ apiKey: 'same' });
  });

  it('fails on another tenant of the same connection id', () => {
    const keyring = Keyring.generate();
    const sealed = sealCredentials(keyring, owner, { apiKey: 'x' });
    expect(() => openCredentials(keyring, { ...owner, tenantId: 'tenant-b' }, sealed)).toThrow();
  });

  it('still reads rows of an older key after rotation, and writes with the new one', () => {
    const old = Keyring.generate();
    const sealed = sealCredentials(old, owner, { apiKey: 'kept' });
    const fresh = Keyring.generate();
    const rotated = new Keyring([fresh.current, old.current]);
    expect(openCredentials(rotated, owner, sealed)).toEqual({ apiKey: 'kept' });
    expect(sealCredentials(rotated, owner, { apiKey: 'new' }).keyId).toBe(fresh.current.id);
    expect(() => openCredentials(fresh, owner, sealed)).toThrow(/not in the keyring/);
  });

  it('parses PLUGBOARD_MASTER_KEY lists and rejects keys of the wrong size', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('hex');
    const keyring = Keyring.parse(`${a}, ${b}`);
    expect(keyring.keys).toHaveLength(2);
    expect(keyring.current.key.equals(Buffer.alloc(32, 1))).toBe(true);
    expect(() => Keyring.parse(Buffer.alloc(16).toString('base64'))).toThrow(/32-byte/);
  });
});
