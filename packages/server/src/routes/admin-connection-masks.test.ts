// Admin views mask credentials with the mask stored beside them (written with every new ciphertext), so a page of
// connections decrypts nothing; credentials stored before masks were are still masked, by decrypting them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { Keyring } from '../crypto/keyring.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';
import { connectWithSandbox, sandboxAppOptions, sandboxConnector, startSandboxServer } from '../test/sandbox.js';

let t: TestContext;
let server: Awaited<ReturnType<typeof startSandboxServer>>;
let replicaStore: Store | undefined;
beforeAll(async () => {
  server = await startSandboxServer();
});
afterAll(() => server.close());
afterEach(async () => {
  await replicaStore?.close();
  replicaStore = undefined;
  await t.close();
});

/** Another replica on the same database whose keyring holds no key of the stored credentials. */
async function keylessReplica() {
  replicaStore = await openStore(t.databaseUrl);
  return createApp({ store: replicaStore, keyring: Keyring.generate(), now: () => new Date() });
}

type Masked = Record<string, string>;

async function adminMasks(app: { request: ReturnType<typeof createApp>['request'] }, key: string) {
  const response = await app.request('/v1/connections?limit=50', { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: Array<{ maskedCredentials: Masked }> };
  return data.map((connection) => connection.maskedCredentials);
}

async function apiKeyConnection() {
  t = await createTestContext();
  const key = (await t.createOrganization()).secretKey;
  await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'apiKey' }] });
  const session = await t.mintSession(key);
  const created = await t.request('POST', '/v1/session/connections', {
    key: session,
    headers: { origin: ORIGIN },
    body: { connector: 'stripe', credentials: { apiKey: 'sk_live_mask-canary-4821' } },
  });
  expect(created.status).toBe(201);
  return key;
}

describe('masked credentials in admin views', () => {
  it('shows the mask stored with the credentials, with no key to decrypt them', async () => {
    const key = await apiKeyConnection();
    expect(await adminMasks(await keylessReplica(), key)).toEqual([{ apiKey: '••••4821' }]);
  });

  it('masks credentials stored before masks were by decrypting them', async () => {
    const key = await apiKeyConnection();
    await t.databaseExec('UPDATE credentials SET masked = NULL');
    expect(await adminMasks(t.app, key)).toEqual([{ apiKey: '••••4821' }]);
  });

  it('stores the mask of refreshed tokens with them', async () => {
    server.reset({});
    t = await createTestContext({ ...sandboxAppOptions(server.url), refreshPolicy: { backoffMs: 5 } });
    const key = (await t.createOrganization()).secretKey;
    await t.createConnector(key, sandboxConnector(server.url));
    const connectionId = await connectWithSandbox(t, await t.mintSession(key), server.url);
    const [before] = await adminMasks(await keylessReplica(), key);
    expect(before).toMatchObject({ accessToken: '••••••••', refreshToken: '••••••••' });
    t.clock.offsetMs = 10 * 60_000;
    const refreshed = await t.request('GET', `/v1/connections/${connectionId}/credentials`, { key });
    expect(refreshed.status).toBe(200);
    const [after] = await adminMasks(await keylessReplica(), key);
    expect(after?.expiresAt).toBe(refreshed.json.credentials.expiresAt);
    expect(after?.expiresAt).not.toBe(before?.expiresAt);
    expect(after).toMatchObject({ accessToken: '••••••••', refreshToken: '••••••••' });
  });
});
