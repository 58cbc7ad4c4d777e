// The store contract's part for rate limits, inbound delivery ids and the retention job's pruning.
import { expect, it } from 'vitest';
import type { OAuthFlowRecord, Store } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, connection, connector, sealed, seed } from './store-fixtures.js';

const t0 = new Date(at);
const later = (ms: number) => new Date(t0.getTime() + ms);
const DAY = 24 * 60 * 60_000;
const iso = (ms: number) => later(ms).toISOString();

function flow(organizationId: string, id: string, expiresAt: string): OAuthFlowRecord {
  return {
    ...{ id, stateHash: `state-${id}`, organizationId, tenantId: 't1', endUserId: 'u1', connectorId: 'ctr_a' },
    ...{ authMethodId: 'am_1', codeVerifier: null, redirectUri: 'https://p.example/cb', returnOrigin: null },
    ...{ label: null, status: 'pending', connectionId: null, errorCode: null, errorMessage: null },
    ...{ expiresAt, createdAt: at, consumedAt: null },
  };
}

/** Rows of every kind the retention job prunes, one old and one recent each (the old ones end in `_old`). */
async function seedAges(store: Store) {
  const { organizationId, memberId } = await seed(store);
  await store.createConnector(connector(organizationId, 'ctr_a'));
  await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
  for (const [suffix, expiresAt] of [
    ['old', iso(0)],
    ['new', iso(3 * DAY)],
  ] as const) {
    await store.createSession({
      ...{ id: `cs_${suffix}`, organizationId, tenantId: 't1', endUserId: 'u1', endUserName: null },
      ...{ tokenHash: `cs-${suffix}`, allowedConnectors: null, allowedOrigins: null, expiresAt, createdAt: at },
    });
    await store.createConsoleSession({
      ...{ id: `cons_${suffix}`, organizationId, memberId, tokenHash: `cons-${suffix}`, csrfToken: 'c' },
      ...{ expiresAt, createdAt: at },
    });
    await store.createOAuthFlow(flow(organizationId, `flow_${suffix}`, expiresAt));
    await store.createMcpToken({
      ...{ id: `mt_${suffix}`, organizationId, tenantId: 't1', endUserId: 'u1', endUserName: null },
      ...{ tokenHash: `mt-${suffix}`, prefix: 'pb_mt_ab', connectorIds: null, tools: null, expiresAt, createdAt: at },
    });
    await store.createConnectLink({
      ...{ id: `cl_${suffix}`, organizationId, tenantId: 't1', endUserId: 'u1', endUserName: null },
      ...{ tokenHash: `cl-${suffix}`, connectors: null, returnUrl: null, opens: 0, expiresAt, createdAt: at },
      revokedAt: null,
    });
  }
  await store.tryLockRefresh('cxn_1', 'holder', iso(60_000), iso(0));
  const secret = { keyId: 'k1', nonce: Buffer.alloc(12, 1), ciphertext: Buffer.from('opaque') };
  await store.createWebhookEndpoint({
    ...{ id: 'whe_1', organizationId, url: 'https://hooks.example/a', description: '', events: null, secret },
    createdAt: at,
  });
  const event = (id: string, createdAt: string) => ({ id, organizationId, type: 'x.y', body: '{}', createdAt });
  const delivery = (id: string, eventId: string, createdAt: string) => ({
    ...{ id, organizationId, endpointId: 'whe_1', eventId, type: 'x.y', status: 'delivered' as const },
    ...{ attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null, createdAt, deliveredAt: createdAt },
  });
  await store.createEvent(event('evt_old', iso(0)), [delivery('dlv_old', 'evt_old', iso(0))]);
  // An old event resent recently: its new delivery keeps it.
  await store.createEvent(event('evt_resent', iso(0)), [delivery('dlv_resent_old', 'evt_resent', iso(0))]);
  await store.createDelivery(delivery('dlv_resend', 'evt_resent', iso(40 * DAY)));
  await store.createEvent(event('evt_new', iso(40 * DAY)), [delivery('dlv_new', 'evt_new', iso(40 * DAY))]);
  await store.claimInboundDelivery('cxn_1', 'id_old', iso(0));
  await store.claimInboundDelivery('cxn_1', 'id_new', iso(40 * DAY));
  const limit = { burst: 2, perSecond: 1 };
  await store.takeRateLimitToken('full-again', limit, later(0));
  await store.takeRateLimitToken('still-draining', limit, later(41 * DAY));
  await store.takeRateLimitToken('still-draining', limit, later(41 * DAY));
  return organizationId;
}

/** Runs the rate-limit, inbound delivery id and pruning part of the store contract. */
export function describeUpkeepContract(factory: StoreFactory) {
  it('takes a burst of tokens, refuses the next with the seconds to wait, and refills at the rate', async () => {
    const { store } = await factory.open();
    const limit = { burst: 3, perSecond: 0.5 };
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await store.takeRateLimitToken('a', limit, t0));
    expect(takes).toEqual([0, 0, 0, 2]);
    expect(await store.takeRateLimitToken('b', limit, t0)).toBe(0);
    expect(await store.takeRateLimitToken('a', limit, later(1000))).toBe(1);
    expect(await store.takeRateLimitToken('a', limit, later(2000))).toBe(0);
    expect(await store.takeRateLimitToken('a', limit, later(2000))).toBe(2);
    // A long pause refills up to the burst, not beyond it.
    const afterPause = [];
    for (let i = 0; i < 4; i++) afterPause.push(await store.takeRateLimitToken('a', limit, later(DAY)));
    expect(afterPause).toEqual([0, 0, 0, 2]);
    await store.resetRateLimit('a');
    expect(await store.takeRateLimitToken('a', limit, later(DAY))).toBe(0);
    await store.close();
  });

  it('shares one bucket between two handles on one database: concurrent takers get one burst, not two', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const limit = { burst: 5, perSecond: 0.001 };
    const takes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).takeRateLimitToken('shared', limit, t0)),
    );
    expect(takes.filter((wait) => wait === 0)).toHaveLength(5);
    expect(await other.takeRateLimitToken('shared', limit, t0)).toBeGreaterThan(0);
    await other.close();
    await store.close();
  });

  it('claims an inbound delivery id once per connection, and again after releasing it', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
    await store.createConnection(connection(organizationId, 'cxn_2', 'ctr_a'), sealed('cxn_2'));
    expect(await store.claimInboundDelivery('cxn_1', 'd1', at)).toBe(true);
    expect(await store.claimInboundDelivery('cxn_1', 'd1', at)).toBe(false);
    expect(await store.claimInboundDelivery('cxn_2', 'd1', at)).toBe(true);
    await store.releaseInboundDelivery('cxn_1', 'd1');
    expect(await store.claimInboundDelivery('cxn_1', 'd1', at)).toBe(true);
    await store.close();
  });

  it('prunes each kind of row past its cutoff and keeps the rest', async () => {
    const { store } = await factory.open();
    const organizationId = await seedAges(store);
    const cutoffs = {
      now: later(41 * DAY),
      expiredBefore: iso(DAY),
      eventsBefore: iso(10 * DAY),
      inboundIdsBefore: iso(10 * DAY),
      callLogsBefore: iso(10 * DAY),
    };
    expect(await store.pruneExpired(cutoffs, 100)).toEqual({
      connectSessions: 1,
      consoleSessions: 1,
      oauthFlows: 1,
      refreshLocks: 1,
      deliveries: 2,
      events: 1,
      inboundIds: 1,
      rateLimits: 1,
      mcpTokens: 1,
      connectLinks: 1,
      callLogs: 0,
    });
    expect(await store.findSessionByHash('cs-old')).toBeUndefined();
    expect(await store.findSessionByHash('cs-new')).toBeDefined();
    expect(await store.findConsoleSessionByHash('cons-old')).toBeUndefined();
    expect(await store.findConsoleSessionByHash('cons-new')).toBeDefined();
    expect(await store.getOAuthFlow('flow_old')).toBeUndefined();
    expect(await store.getOAuthFlow('flow_new')).toBeDefined();
    expect(await store.findMcpTokenByHash('mt-old')).toBeUndefined();
    expect(await store.findMcpTokenByHash('mt-new')).toBeDefined();
    expect((await store.listConnectLinks(organizationId, { limit: 10 })).map((link) => link.id)).toEqual(['cl_new']);
    expect(await store.tryLockRefresh('cxn_1', 'another', iso(42 * DAY), cutoffs.now.toISOString())).toBe(true);
    expect(await store.getEvent('evt_old')).toBeUndefined();
    expect(await store.getEvent('evt_resent')).toBeDefined();
    expect(await store.getEvent('evt_new')).toBeDefined();
    expect(await store.getDelivery('dlv_resent_old')).toBeUndefined();
    expect(await store.getDelivery('dlv_resend')).toBeDefined();
    expect(await store.claimInboundDelivery('cxn_1', 'id_old', iso(41 * DAY))).toBe(true);
    expect(await store.claimInboundDelivery('cxn_1', 'id_new', iso(41 * DAY))).toBe(false);
    // The draining bucket was kept: it is still empty.
    expect(await store.takeRateLimitToken('still-draining', { burst: 2, perSecond: 1 }, later(41 * DAY))).toBe(1);
    await store.close();
  });

  it('prunes at most the limit of each kind per call', async () => {
    const { store } = await factory.open();
    await seedAges(store);
    const cutoffs = {
      now: later(41 * DAY),
      expiredBefore: iso(10 * DAY),
      eventsBefore: iso(0),
      inboundIdsBefore: iso(0),
      callLogsBefore: iso(0),
    };
    const expiring = async () => {
      const { connectSessions, mcpTokens, connectLinks } = await store.pruneExpired(cutoffs, 1);
      return { connectSessions, mcpTokens, connectLinks };
    };
    expect(await expiring()).toEqual({ connectSessions: 1, mcpTokens: 1, connectLinks: 1 });
    expect(await expiring()).toEqual({ connectSessions: 1, mcpTokens: 1, connectLinks: 1 });
    expect(await expiring()).toEqual({ connectSessions: 0, mcpTokens: 0, connectLinks: 0 });
    await store.close();
  });
}
