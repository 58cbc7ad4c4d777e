import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import type { ServiceDeps } from './deps.js';
import { RetentionWorker } from './retention-worker.js';

const DAY = 24 * 60 * 60_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real database with an organization and one connection, and deps whose clock reads {@link NOW}. */
async function setup() {
  const t = await createTestContext();
  cleanups.push(t.close);
  const { secretKey: key, organization } = await t.createOrganization();
  await t.createConnector(key, { name: 'Acme', authMethods: [{ kind: 'apiKey' }] });
  const created = await t.request('POST', '/v1/session/connections', {
    key: await t.mintSession(key),
    headers: { origin: 'https://app.vendor.example' },
    body: { connector: 'acme', credentials: { apiKey: 'k' } },
  });
  const deps: ServiceDeps = {
    store: t.store,
    keyring: t.keyring,
    logger: { info() {}, warn() {}, error() {} },
    now: () => NOW,
  };
  return { t, organizationId: organization.id as string, connectionId: created.json.id as string, deps };
}

async function addSession(t: TestContext, organizationId: string, id: string, expiresAt: string) {
  await t.store.createSession({
    ...{ id, organizationId, tenantId: 'tenant-a', endUserId: 'u', endUserName: null, tokenHash: `hash-${id}` },
    ...{ allowedConnectors: null, allowedOrigins: null, expiresAt, createdAt: expiresAt },
  });
}

async function addEvent(t: TestContext, organizationId: string, id: string, createdAt: string) {
  await t.store.createEvent({ id, organizationId, type: 'acme.thing', body: '{}', createdAt }, []);
}

describe('retention job', () => {
  it('deletes rows past their time and keeps the rest: sessions a day after expiry, events after 30 days', async () => {
    const { t, organizationId, connectionId, deps } = await setup();
    await addSession(t, organizationId, 'cs_long_expired', ago(2 * DAY));
    await addSession(t, organizationId, 'cs_just_expired', ago(60 * 60_000));
    await addSession(t, organizationId, 'cs_live', ago(-30 * 60_000));
    await t.store.createConsoleSession({
      ...{ id: 'cons_old', organizationId, memberId: (await t.store.listMembers(organizationId))[0]?.id ?? '' },
      ...{ tokenHash: 'cons-old', csrfToken: 'c', expiresAt: ago(3 * DAY), createdAt: ago(4 * DAY) },
    });
    await addEvent(t, organizationId, 'evt_31_days', ago(31 * DAY));
    await addEvent(t, organizationId, 'evt_29_days', ago(29 * DAY));
    await t.store.claimInboundDelivery(connectionId, 'id-two-days', ago(2 * DAY));
    await t.store.claimInboundDelivery(connectionId, 'id-an-hour', ago(60 * 60_000));
    await t.store.takeRateLimitToken('spent-long-ago', { burst: 5, perSecond: 1 }, new Date(ago(DAY)));

    const counts = await new RetentionWorker(deps).runOnce();

    expect(counts).toMatchObject({ connectSessions: 1, consoleSessions: 1, events: 1, inboundIds: 1, rateLimits: 1 });
    expect(await t.store.findSessionByHash('hash-cs_long_expired')).toBeUndefined();
    expect(await t.store.findSessionByHash('hash-cs_just_expired')).toBeDefined();
    expect(await t.store.findSessionByHash('hash-cs_live')).toBeDefined();
    expect(await t.store.findConsoleSessionByHash('cons-old')).toBeUndefined();
    expect(await t.store.getEvent('evt_31_days')).toBeUndefined();
    expect(await t.store.getEvent('evt_29_days')).toBeDefined();
    expect(await t.store.claimInboundDelivery(connectionId, 'id-two-days', NOW.toISOString())).toBe(true);
    expect(await t.store.claimInboundDelivery(connectionId, 'id-an-hour', NOW.toISOString())).toBe(false);
  });

  it('deletes MCP tokens and connect links a day after they expire, and keeps younger ones', async () => {
    const { t, organizationId, deps } = await setup();
    const owner = { organizationId, tenantId: 'tenant-a', endUserId: 'u', endUserName: null };
    for (const [id, expiresAt] of [
      ['long_expired', ago(2 * DAY)],
      ['just_expired', ago(60 * 60_000)],
      ['live', ago(-DAY)],
    ] as const) {
      await t.store.createMcpToken({
        ...{ ...owner, id: `mt_${id}`, tokenHash: `mt-${id}`, prefix: 'pb_mt_ab', connectorIds: null, tools: null },
        ...{ expiresAt, createdAt: ago(3 * DAY) },
      });
      await t.store.createConnectLink({
        ...{ ...owner, id: `cl_${id}`, tokenHash: `cl-${id}`, connectors: null, returnUrl: null, opens: 0 },
        ...{ expiresAt, revokedAt: null, createdAt: ago(3 * DAY) },
      });
    }

    const counts = await new RetentionWorker(deps).runOnce();

    expect(counts).toMatchObject({ mcpTokens: 1, connectLinks: 1 });
    expect(await t.store.findMcpTokenByHash('mt-long_expired')).toBeUndefined();
    expect(await t.store.findMcpTokenByHash('mt-just_expired')).toBeDefined();
    expect(await t.store.findMcpTokenByHash('mt-live')).toBeDefined();
    const links = await t.store.listConnectLinks(organizationId, { limit: 10 });
    expect(links.map((link) => link.id).sort()).toEqual(['cl_just_expired', 'cl_live']);
  });

  it('keeps events as many days as configured', async () => {
    const { t, organizationId, deps } = await setup();
    await addEvent(t, organizationId, 'evt_8_days', ago(8 * DAY));
    await addEvent(t, organizationId, 'evt_6_days', ago(6 * DAY));
    await new RetentionWorker(deps, { eventDays: 7, callLogDays: 30, graceMs: DAY, batchSize: 1000 }).runOnce();
    expect(await t.store.getEvent('evt_8_days')).toBeUndefined();
    expect(await t.store.getEvent('evt_6_days')).toBeDefined();
  });

  it('works through more rows than one batch in a single round', async () => {
    const { t, organizationId, deps } = await setup();
    for (let i = 0; i < 7; i++) await addSession(t, organizationId, `cs_${i}`, ago(2 * DAY));
    const counts = await new RetentionWorker(deps, {
      eventDays: 30,
      callLogDays: 30,
      graceMs: DAY,
      batchSize: 2,
    }).runOnce();
    expect(counts.connectSessions).toBe(7);
    for (let i = 0; i < 7; i++) expect(await t.store.findSessionByHash(`hash-cs_${i}`)).toBeUndefined();
  });

  it('runs on the schedule createApp starts it with', async () => {
    const stop = new AbortController();
    const t = await createTestContext({ retentionIntervalMs: 10, signal: stop.signal });
    cleanups.push(t.close, async () => stop.abort());
    const { organization } = await t.createOrganization();
    await addSession(t, organization.id, 'cs_gone', new Date(Date.now() - 2 * DAY).toISOString());
    await expect.poll(() => t.store.findSessionByHash('hash-cs_gone'), { timeout: 5000 }).toBeUndefined();
  });
});
