import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openAppSecret, openClientSecret, openCredentials } from '../crypto/credential-cipher.js';
import { Keyring } from '../crypto/keyring.js';
import { createTestContext, type TestContext } from '../test/context.js';
import type { ServiceDeps } from './deps.js';
import { rotateKeys } from './key-rotation.js';

const oauthMethod = {
  kind: 'oauth2' as const,
  authorizationUrl: 'https://auth.example/authorize',
  tokenUrl: 'https://auth.example/token',
  clientId: 'client',
  clientSecret: 'connector-client-secret',
};

let t: TestContext;
let key: string;
let organizationId: string;
let connectionIds: string[];
let connectorId: string;
let appId: string;

// Everything is sealed under the test context's first key (the old one) through the API.
beforeEach(async () => {
  t = await createTestContext();
  const created = await t.createOrganization();
  key = created.secretKey;
  organizationId = created.organization.id;
  connectorId = (await t.createConnector(key, { name: 'Own App', authMethods: [oauthMethod] })).id;
  const app = await t.request('POST', '/v1/oauth-apps', {
    key,
    body: { provider: 'acme', clientId: 'managed', clientSecret: 'managed-app-secret' },
  });
  expect(app.status, app.text).toBe(201);
  appId = app.json.id;
  await t.createConnector(key, { name: 'Keyed', authMethods: [{ kind: 'apiKey' }] });
  const session = await t.mintSession(key);
  connectionIds = [];
  for (const apiKey of ['k-1', 'k-2', 'k-3']) {
    const connection = await t.request('POST', '/v1/session/connections', {
      key: session,
      body: { connector: 'keyed', credentials: { apiKey } },
    });
    connectionIds.push(connection.json.id);
  }
});
afterEach(() => t.close());

const deps = (keyring: Keyring): ServiceDeps => ({
  store: t.store,
  keyring,
  logger: { info() {}, warn() {}, error() {} },
  now: () => new Date(),
});

async function keyIds() {
  const method = (await t.store.getConnector(connectorId))?.authMethods[0];
  return [
    ...(await Promise.all(connectionIds.map(async (id) => (await t.store.getCredentials(id))?.keyId))),
    (await t.store.getConnectorSecret(connectorId, method?.id ?? ''))?.keyId,
    (await t.store.getOAuthApp(appId))?.clientSecret.keyId,
  ];
}

describe('rotateKeys', () => {
  it('re-seals every record under the new key, in batches, so a keyring with only the new key reads them all', async () => {
    const fresh = Keyring.generate().current;
    const rotating = new Keyring([fresh, ...t.keyring.keys]);
    expect(new Set(await keyIds())).toEqual(new Set([t.keyring.current.id]));

    const result = await rotateKeys(deps(rotating), { batchSize: 2 });
    expect(result).toEqual({
      keyId: fresh.id,
      credentials: 3,
      connectorSecrets: 1,
      oauthAppSecrets: 1,
      webhookEndpointSecrets: 0,
      inboundSecrets: 0,
      skipped: 0,
      failed: 0,
    });
    expect(new Set(await keyIds())).toEqual(new Set([fresh.id]));

    const newOnly = new Keyring([fresh]);
    const app = createApp({ store: t.store, keyring: newOnly });
    const values = [];
    for (const id of connectionIds) {
      const response = await app.request(`/v1/connections/${id}/credentials`, {
        headers: { authorization: `Bearer ${key}` },
      });
      values.push((await response.json()).credentials.apiKey);
    }
    expect(values).toEqual(['k-1', 'k-2', 'k-3']);
    const method = (await t.store.getConnector(connectorId))?.authMethods[0];
    const secret = await t.store.getConnectorSecret(connectorId, method?.id ?? '');
    const owner = { organizationId, connectorId, authMethodId: method?.id ?? '' };
    expect(openClientSecret(newOnly, owner, secret ?? ({} as never))).toBe('connector-client-secret');
    const managed = await t.store.getOAuthApp(appId);
    expect(openAppSecret(newOnly, organizationId, appId, managed?.clientSecret ?? ({} as never))).toBe(
      'managed-app-secret',
    );
  });

  it('is idempotent: a second run re-seals nothing', async () => {
    const rotating = new Keyring([Keyring.generate().current, ...t.keyring.keys]);
    await rotateKeys(deps(rotating));
    const before = await Promise.all(connectionIds.map((id) => t.store.getCredentials(id)));
    const again = await rotateKeys(deps(rotating));
    expect(again).toMatchObject({ credentials: 0, connectorSecrets: 0, oauthAppSecrets: 0, failed: 0 });
    expect(await Promise.all(connectionIds.map((id) => t.store.getCredentials(id)))).toEqual(before);
  });

  it('counts records whose key is gone as failed and leaves them as they were', async () => {
    const [first] = connectionIds;
    const stranger = new Keyring([Keyring.generate().current]);
    const sealed = await t.store.getCredentials(first ?? '');
    const result = await rotateKeys(deps(stranger), { batchSize: 1 });
    expect(result).toMatchObject({ credentials: 0, connectorSecrets: 0, oauthAppSecrets: 0, failed: 5 });
    expect(await t.store.getCredentials(first ?? '')).toEqual(sealed);
    const record = await t.store.getConnection(first ?? '');
    const owner = { organizationId, tenantId: record?.tenantId ?? '', connectionId: first ?? '' };
    expect(openCredentials(t.keyring, owner, sealed ?? ({} as never))).toEqual({ apiKey: 'k-1' });
  });

  it('leaves a record alone when it changed while being re-sealed', async () => {
    const rotating = new Keyring([Keyring.generate().current, ...t.keyring.keys]);
    const [record] = await t.store.listSealedNotUnder('credentials', rotating.current.id, { limit: 1 });
    if (!record) throw new Error('nothing sealed');
    const original = t.store.listSealedNotUnder.bind(t.store);
    // A refresh rewrites the row between rotation's read and its write.
    t.store.listSealedNotUnder = async (...args) => {
      const batch = await original(...args);
      const current = await t.store.getCredentials(record.id);
      if (current && batch.some((item) => item.id === record.id)) {
        await t.store.updateCredentials({ ...current, nonce: Buffer.alloc(12, 7) }, null, new Date().toISOString());
      }
      return batch;
    };
    const result = await rotateKeys(deps(rotating));
    expect(result).toMatchObject({ credentials: 2, skipped: 1 });
    expect((await t.store.getCredentials(record.id))?.nonce).toEqual(Buffer.alloc(12, 7));
  });
});
