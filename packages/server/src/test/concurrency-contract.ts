// The store contract's part for what several replicas race on (flows, refresh locks) and for the refresher's
// queries: run on two store handles of one database, so on Postgres through two pools.
import { expect, it } from 'vitest';
import type { OAuthFlowRecord } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, connection, connector, sealed, seed } from './store-fixtures.js';

const iso = (ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

const flow = (organizationId: string): OAuthFlowRecord => ({
  ...{ id: 'flw_1', stateHash: 'sh1', organizationId, tenantId: 't1', endUserId: 'u1', connectorId: 'ctr_a' },
  ...{ authMethodId: 'am_1', codeVerifier: 'v', redirectUri: 'https://p.example/cb', returnOrigin: null },
  ...{ label: null, status: 'pending', connectionId: null, errorCode: null, errorMessage: null },
  ...{ expiresAt: iso(600_000), createdAt: at, consumedAt: null },
});

/** Runs the concurrency and refresher part of the store contract. */
export function describeConcurrencyContract(factory: StoreFactory) {
  it('gives a flow to exactly one of many concurrent callers on two handles', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createOAuthFlow(flow(organizationId));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).consumeOAuthFlow('sh1', iso(i))),
    );
    const winners = results.filter((result) => result !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ id: 'flw_1', codeVerifier: 'v' });
    expect((await other.getOAuthFlow('flw_1'))?.consumedAt).toBe(winners[0]?.consumedAt);
    await other.close();
    await store.close();
  });

  it('lets one of many concurrent holders take a refresh lock, and another only after it lapses or is released', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const until = iso(30_000);
    const takes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).tryLockRefresh('cxn_1', `h${i}`, until, at)),
    );
    expect(takes.filter(Boolean)).toHaveLength(1);
    const holder = `h${takes.indexOf(true)}`;
    expect(await other.tryLockRefresh('cxn_1', 'late', iso(60_000), iso(29_999))).toBe(false);
    // Only the holder releases it.
    await other.unlockRefresh('cxn_1', 'late');
    expect(await other.tryLockRefresh('cxn_1', 'late', iso(60_000), iso(1))).toBe(false);
    // Lapsed: taken over.
    expect(await other.tryLockRefresh('cxn_1', 'late', iso(90_000), iso(30_000))).toBe(true);
    expect(await store.tryLockRefresh('cxn_1', holder, iso(90_000), iso(30_001))).toBe(false);
    await other.unlockRefresh('cxn_1', 'late');
    expect(await store.tryLockRefresh('cxn_1', holder, iso(90_000), iso(30_002))).toBe(true);
    // Locks of other connections are their own.
    expect(await other.tryLockRefresh('cxn_2', 'late', iso(90_000), iso(30_002))).toBe(true);
    await other.close();
    await store.close();
  });

  it('replaces credentials with the token expiry, and lists active connections expiring soonest first', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    const expiring = [
      ['cxn_late', iso(50_000)],
      ['cxn_soon', iso(10_000)],
      ['cxn_later', iso(90_000)],
      ['cxn_none', null],
    ] as const;
    for (const [id, tokenExpiresAt] of expiring) {
      await store.createConnection({ ...connection(organizationId, id, 'ctr_a'), tokenExpiresAt }, sealed(id));
    }
    await store.createConnection(
      { ...connection(organizationId, 'cxn_off', 'ctr_a'), status: 'needs_reauth', tokenExpiresAt: iso(1) },
      sealed('cxn_off'),
    );
    const ids = async (limit: number) => (await store.listExpiringConnections(iso(60_000), limit)).map((c) => c.id);
    expect(await ids(10)).toEqual(['cxn_soon', 'cxn_late']);
    expect(await ids(1)).toEqual(['cxn_soon']);

    const next = { connectionId: 'cxn_soon', keyId: 'k2', nonce: Buffer.alloc(12, 2), ciphertext: Buffer.from('new') };
    await store.updateCredentials(next, iso(3_600_000), iso(5));
    expect(await store.getCredentials('cxn_soon')).toEqual(next);
    expect(await store.getConnection('cxn_soon')).toMatchObject({ tokenExpiresAt: iso(3_600_000), updatedAt: iso(5) });
    expect(await ids(10)).toEqual(['cxn_late']);
    expect(await store.getCredentials('cxn_late')).toEqual(sealed('cxn_late'));
    await store.close();
  });

  it("prunes a connector's secrets down to the kept methods, and all of them when none is kept", async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    const secret = (connectorId: string, authMethodId: string) => ({
      connectorId,
      authMethodId,
      keyId: 'k1',
      nonce: Buffer.alloc(12, 3),
      ciphertext: Buffer.from(`${connectorId}/${authMethodId}`),
    });
    for (const method of ['am_1', 'am_2', 'am_3']) await store.putConnectorSecret(secret('ctr_a', method));
    await store.putConnectorSecret(secret('ctr_b', 'am_1'));
    await store.putConnectorSecret({ ...secret('ctr_a', 'am_1'), keyId: 'k2' });
    await store.pruneConnectorSecrets('ctr_a', ['am_1', 'am_3']);
    expect(await store.getConnectorSecret('ctr_a', 'am_1')).toEqual({ ...secret('ctr_a', 'am_1'), keyId: 'k2' });
    expect(await store.getConnectorSecret('ctr_a', 'am_2')).toBeUndefined();
    expect(await store.getConnectorSecret('ctr_a', 'am_3')).toBeDefined();
    await store.pruneConnectorSecrets('ctr_a', []);
    expect(await store.getConnectorSecret('ctr_a', 'am_1')).toBeUndefined();
    expect(await store.getConnectorSecret('ctr_a', 'am_3')).toBeUndefined();
    expect(await store.getConnectorSecret('ctr_b', 'am_1')).toEqual(secret('ctr_b', 'am_1'));
    await store.close();
  });

  it('hands each due delivery to one of many concurrent claimers on two handles', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    const secret = { keyId: 'k1', nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('opaque') };
    await store.createWebhookEndpoint({
      ...{ id: 'whe_1', organizationId, url: 'https://hooks.example/a', description: '', events: null, secret },
      createdAt: at,
    });
    const ids = Array.from({ length: 40 }, (_, i) => `dlv_${String(i).padStart(2, '0')}`);
    await store.createEvent(
      { id: 'evt_1', organizationId, type: 'x.y', body: '{}', createdAt: at },
      ids.map((id) => ({
        ...{ id, organizationId, endpointId: 'whe_1', eventId: 'evt_1', type: 'x.y', status: 'pending' as const },
        ...{ attempts: 0, lastStatus: null, lastError: null, nextAttemptAt: at, createdAt: at, deliveredAt: null },
      })),
    );
    // One claimer alone takes its batch, no more, soonest due first.
    expect((await store.claimDueDeliveries(iso(1), iso(60_000), 5)).map((d) => d.id)).toEqual(ids.slice(0, 5));
    const batches = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).claimDueDeliveries(iso(1), iso(60_000), 5)),
    );
    expect(batches.filter((batch) => batch.length > 5)).toEqual([]);
    const claimed = batches.flat().map((d) => d.id);
    expect(claimed.sort()).toEqual(ids.slice(5));
    expect(await store.claimDueDeliveries(iso(2), iso(60_000), 10)).toEqual([]);
    await other.close();
    await store.close();
  });

  it('gives each due poll to one of many concurrent claimers on two handles, and its state only to that claim', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
    const claimAll = (now: string, until: string) =>
      Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).claimPoll('cxn_1', 'e', now, until)));

    const first = await claimAll(at, iso(60_000));
    expect(first.filter(Boolean)).toEqual([{ seenIds: [], firstRun: true }]);
    expect((await claimAll(iso(59_999), iso(120_000))).filter(Boolean)).toEqual([]);
    const key = { connectionId: 'cxn_1', eventKey: 'e' };
    // A claim that another one replaced writes nothing; the holder's does.
    expect(await store.finishPoll({ ...key, seenIds: ['x'], nextRunAt: iso(60_000) }, iso(1))).toBe(false);
    expect(await store.finishPoll({ ...key, seenIds: ['d_1'], nextRunAt: iso(60_000) }, iso(60_000))).toBe(true);

    const second = await claimAll(iso(60_000), iso(120_000));
    expect(second.filter(Boolean)).toEqual([{ seenIds: ['d_1'], firstRun: false }]);
    expect(await other.getPollingState('cxn_1', 'e')).toEqual({ ...key, seenIds: ['d_1'], nextRunAt: iso(120_000) });
    await other.close();
    await store.close();
  });

  it('commits a transaction whole, or rolls all of it back when its work throws', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await expect(
      store.transaction(async (tx) => {
        await tx.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.getConnection('cxn_1')).toBeUndefined();
    await store.transaction(async (tx) => {
      await tx.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
      await tx.setConnectionStatus('cxn_1', 'revoked', iso(1));
    });
    expect(await store.getConnection('cxn_1')).toMatchObject({ status: 'revoked' });
    await store.close();
  });
}
