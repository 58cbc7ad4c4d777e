// The session's cards are built once per revision of their connector's row: a change made through one replica
// shows on the next listing of every other one, and what the tenant does (connect, break) shows at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
let organizationId: string;
let session: string;
let replicaStore: Store;
let replica: ReturnType<typeof createApp>;
beforeEach(async () => {
  t = await createTestContext();
  const created = await t.createOrganization();
  key = created.secretKey;
  organizationId = created.organization.id;
  await t.createConnector(key, { name: 'SendGrid', authMethods: [{ kind: 'apiKey', name: 'X-Key' }] });
  await t.createConnector(key, { name: 'Jira', authMethods: [{ kind: 'basic' }] });
  session = await t.mintSession(key);
  replicaStore = await openStore(t.databaseUrl);
  replica = createApp({ store: replicaStore, keyring: t.keyring, now: () => new Date() });
});
afterEach(async () => {
  await replicaStore.close();
  await t.close();
});

interface Card {
  slug: string;
  name: string;
  description: string;
  visibility: string;
  connectionCount: number;
  authMethods: Array<{ kind: string; label: string }>;
  needsReauth: Array<{ id: string }>;
}

/** The cards as the replica (another process on the same database) answers them. */
async function replicaCards(): Promise<Card[]> {
  const response = await replica.request('/v1/session/connectors', {
    headers: { authorization: `Bearer ${session}`, origin: ORIGIN },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()).data;
}

describe('session cards across replicas', () => {
  it('shows a connector changed on one replica on the next listing of another', async () => {
    expect((await replicaCards()).map((card) => card.name)).toEqual(['Jira', 'SendGrid']);
    const patched = await t.request('PATCH', '/v1/connectors/sendgrid', {
      key,
      body: {
        name: 'Acme Mail',
        description: 'Renamed on the other replica',
        authMethods: [{ kind: 'bearer', label: 'Access token' }],
      },
    });
    expect(patched.status).toBe(200);
    const cards = await replicaCards();
    expect(cards.map((card) => card.name)).toEqual(['Acme Mail', 'Jira']);
    expect(cards[0]).toMatchObject({
      slug: 'sendgrid',
      description: 'Renamed on the other replica',
      authMethods: [{ kind: 'bearer', label: 'Access token' }],
    });
  });

  it('drops a connector deleted on another replica and shows one created there', async () => {
    await replicaCards();
    expect((await t.request('DELETE', '/v1/connectors/jira', { key })).status).toBe(204);
    await t.createConnector(key, { name: 'Zendesk', authMethods: [{ kind: 'apiKey' }] });
    expect((await replicaCards()).map((card) => card.name)).toEqual(['SendGrid', 'Zendesk']);
  });

  it('shows a connector created on another replica on the next listing of another', async () => {
    expect((await replicaCards()).map((card) => card.name)).toEqual(['Jira', 'SendGrid']);
    await t.createConnector(key, { name: 'Asana', authMethods: [{ kind: 'apiKey' }] });
    expect((await replicaCards()).map((card) => card.name)).toEqual(['Asana', 'Jira', 'SendGrid']);
  });

  it('shows a visibility change made on another replica on the next listing of another', async () => {
    expect((await replicaCards()).map((card) => card.visibility)).toEqual(['private', 'private']);
    const patched = await t.request('PATCH', '/v1/connectors/jira', { key, body: { visibility: 'public' } });
    expect(patched.status).toBe(200);
    expect((await replicaCards()).map((card) => [card.name, card.visibility])).toEqual([
      ['Jira', 'public'],
      ['SendGrid', 'private'],
    ]);
  });

  it('shows another organization’s public connector, changed there, to a session that lists it', async () => {
    const other = await t.createOrganization('Other');
    const shared = await t.createConnector(other.secretKey, { name: 'Shared', visibility: 'public' });
    const listing = await t.mintSession(key, { allowedConnectors: ['jira', shared.id] });
    const cards = async () =>
      (
        await (
          await replica.request('/v1/session/connectors', {
            headers: { authorization: `Bearer ${listing}`, origin: ORIGIN },
          })
        ).json()
      ).data.map((card: Card) => card.name);
    expect(await cards()).toEqual(['Jira', 'Shared']);
    const patched = await t.request('PATCH', `/v1/connectors/${shared.id}`, {
      key: other.secretKey,
      body: { name: 'Shared and renamed' },
    });
    expect(patched.status).toBe(200);
    expect(await cards()).toEqual(['Jira', 'Shared and renamed']);
    expect(
      (
        await t.request('PATCH', `/v1/connectors/${shared.id}`, {
          key: other.secretKey,
          body: { visibility: 'private' },
        })
      ).status,
    ).toBe(200);
    expect(await cards()).toEqual(['Jira']);
  });

  it('counts a connection made on another replica, and offers to reconnect one that broke there', async () => {
    await replicaCards();
    const connected = await t.request('POST', '/v1/session/connections', {
      key: session,
      headers: { origin: ORIGIN },
      body: { connector: 'sendgrid', credentials: { apiKey: 'SG.replica-canary-0001' } },
    });
    expect(connected.status).toBe(201);
    expect((await replicaCards()).find((card) => card.slug === 'sendgrid')?.connectionCount).toBe(1);
    await t.store.setConnectionStatus(connected.json.id, 'needs_reauth', new Date().toISOString());
    const sendgrid = (await replicaCards()).find((card) => card.slug === 'sendgrid');
    expect(sendgrid?.needsReauth).toEqual([{ id: connected.json.id, label: 'SendGrid' }]);
  });

  it('gives each tenant its own counts and connections from the same compiled queries', async () => {
    const other = await t.mintSession(key, { tenantId: 'tenant-b', endUserId: 'user-b' });
    const connected = await t.request('POST', '/v1/session/connections', {
      key: other,
      headers: { origin: ORIGIN },
      body: { connector: 'jira', credentials: { username: 'ada', password: 'correct horse' } },
    });
    expect(connected.status).toBe(201);
    const listed = async (token: string, path: string) =>
      (await (await replica.request(path, { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } })).json())
        .data;
    for (const [token, jira, connections] of [
      [session, 0, []],
      [other, 1, [connected.json.id]],
      [session, 0, []],
    ] as const) {
      const cards: Card[] = await listed(token, '/v1/session/connectors');
      expect(cards.find((card) => card.slug === 'jira')?.connectionCount).toBe(jira);
      const own: Array<{ id: string }> = await listed(token, '/v1/session/connections');
      expect(own.map((connection) => connection.id)).toEqual(connections);
    }
  });

  it('reads no connector rows while the organization’s connectors revision is the one the caller keeps', async () => {
    const first = await replicaStore.listCardStates(organizationId, 'tenant-1', null, null);
    expect(first.revision).not.toBeNull();
    expect(first.cards.map((card) => card.connectorId)).toHaveLength(2);
    const unchanged = await replicaStore.listCardStates(organizationId, 'tenant-1', null, first.revision);
    expect(unchanged).toMatchObject({ revision: first.revision, cards: [] });
    await t.request('PATCH', '/v1/connectors/jira', { key, body: { description: 'Changed' } });
    const changed = await replicaStore.listCardStates(organizationId, 'tenant-1', null, first.revision);
    expect(changed.revision).not.toBe(first.revision);
    expect(changed.cards).toHaveLength(2);
  });

  it('sorts cards by name as people read them, accents and case included', async () => {
    for (const name of ['Éclair', 'apple', 'Zebra', 'eagle']) {
      await t.createConnector(key, { name, authMethods: [{ kind: 'apiKey' }] });
    }
    expect((await replicaCards()).map((card) => card.name)).toEqual([
      'apple',
      'eagle',
      'Éclair',
      'Jira',
      'SendGrid',
      'Zebra',
    ]);
  });
});
