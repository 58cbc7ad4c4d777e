// The store contract's part for large organizations: keyset pages that stay exact while rows arrive, kept
// connection counts that stay exact under concurrent writers, and hot queries that use their indexes.

import type { ConnectionStatus } from '@plugboard/shared';
import { expect, it } from 'vitest';
import type { ConnectionRecord, HotQuery, Store } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, connection, connector, sealed, seed } from './store-fixtures.js';
import { startStoreProcess } from './store-process.js';

const STATUSES: ConnectionStatus[] = ['active', 'needs_reauth', 'error', 'revoked'];

/** A connection spread over connectors, tenants and statuses by its number. */
function numbered(organizationId: string, id: string, n: number): ConnectionRecord {
  const record = connection(organizationId, id, n % 3 === 0 ? 'ctr_b' : 'ctr_a', `t${n % 4}`);
  return { ...record, status: STATUSES[n % STATUSES.length] ?? 'active' };
}

const create = (store: Store, record: ConnectionRecord) => store.createConnection(record, sealed(record.id));

/** Every connection of the organization, read in pages. */
async function everyConnection(store: Store, organizationId: string) {
  const all: ConnectionRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.listConnections({ organizationId, limit: 50, cursor });
    all.push(...page);
    if (page.length < 50) return all;
    cursor = page.at(-1)?.id;
  }
}

/** What the kept counts must equal: the connections there are, per connector. */
function tally(connections: ConnectionRecord[], tenantId?: string) {
  const counts: Record<string, number> = {};
  for (const c of connections) {
    if (tenantId === undefined || c.tenantId === tenantId) counts[c.connectorId] = (counts[c.connectorId] ?? 0) + 1;
  }
  return counts;
}

async function expectCountsOf(store: Store, organizationId: string) {
  const connections = await everyConnection(store, organizationId);
  expect(Object.fromEntries(await store.countConnections(organizationId))).toEqual(tally(connections));
  for (const tenantId of ['t0', 't1', 't2', 't3']) {
    expect(Object.fromEntries(await store.countConnections(organizationId, tenantId))).toEqual(
      tally(connections, tenantId),
    );
  }
  return connections;
}

/** The index each hot query reads, on both engines (index names are the same on both; see migration 17). */
const EXPECTED_INDEXES: Record<HotQuery, string> = {
  'tenant connections': 'connections_by_tenant',
  'organization page': 'connections_by_organization',
  'organization page by connector': 'connections_by_organization_connector',
  'organization page by status': 'connections_by_organization_status',
  'organization page by connector and status': 'connections_by_organization_connector_status',
  'connection counts of the organization': 'connector_connection_counts',
  'connection counts of a tenant': 'tenant_connection_counts',
  "deleting a connector's connections": 'connections_by_connector',
};

/** Runs the scale part of the store contract. */
export function describeScaleContract(factory: StoreFactory) {
  it('pages connections at depth with every filter, with no duplicate or gap while rows are inserted between pages', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    const first = Array.from({ length: 90 }, (_, n) =>
      numbered(organizationId, `cxn_m${String(n).padStart(3, '0')}`, n),
    );
    await store.createConnections(first.map((record) => ({ record, credentials: sealed(record.id) })));
    const filters = [
      {},
      { connectorId: 'ctr_a' },
      { status: 'needs_reauth' as const },
      { connectorId: 'ctr_b', status: 'active' as const },
      { tenantId: 't2' },
      { tenantId: 't1', connectorId: 'ctr_a' },
    ];
    let inserted = 0;
    for (const filter of filters) {
      const matching = (c: ConnectionRecord) =>
        Object.entries(filter).every(([key, value]) => c[key as keyof ConnectionRecord] === value);
      const before = (await everyConnection(store, organizationId)).filter(matching).map((c) => c.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await store.listConnections({ organizationId, ...filter, limit: 4, cursor });
        seen.push(...page.map((c) => c.id));
        if (page.length < 4) break;
        cursor = page.at(-1)?.id;
        // Rows arrive between pages, before and after the cursor, matching the filter or not.
        for (const prefix of ['cxn_a', 'cxn_z']) {
          inserted += 1;
          await create(store, numbered(organizationId, `${prefix}${String(inserted).padStart(4, '0')}`, inserted));
        }
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
      // Every row there before the first page comes exactly once; rows arriving after the cursor may come too.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
      expect(before.filter((id) => id.startsWith('cxn_m'))).toEqual(first.filter(matching).map((c) => c.id));
    }
    await store.close();
  });

  it('keeps connection counts exact under concurrent creates and deletes on two handles', async () => {
    const { store, url } = await factory.open();
    const other = await startStoreProcess(url);
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    const existing = Array.from({ length: 24 }, (_, n) => numbered(organizationId, `cxn_e${n}`, n));
    for (const record of existing) await create(store, record);
    const created = (prefix: string) =>
      Array.from({ length: 30 }, (_, n) => numbered(organizationId, `cxn_${prefix}${n}`, n));
    // Both handles delete each of the first 12 existing connections: each goes once, and is counted once.
    const doomed = existing.slice(0, 12).map((record) => record.id);
    const [here, there] = await Promise.all([
      Promise.all([
        ...created('h').map((record) => create(store, record).then(() => true)),
        ...doomed.map((id) => store.deleteConnection(id)),
      ]),
      other.run([
        ...created('o').map((record) => ({ kind: 'create' as const, record, credentials: sealed(record.id) })),
        ...doomed.map((id) => ({ kind: 'delete' as const, id })),
      ]),
    ]);
    expect(there.filter((result) => typeof result === 'string')).toEqual([]);
    expect([...here.slice(0, 30), ...there.slice(0, 30)].every((result) => result === true)).toBe(true);
    const deletions = [...here.slice(30), ...there.slice(30)];
    expect(deletions.filter((result) => result === true)).toHaveLength(12);
    const connections = await expectCountsOf(store, organizationId);
    expect(connections).toHaveLength(24 - 12 + 60);
    await other.close();
    await store.close();
  });

  it('keeps counts through a batch, a connector delete and a public connector used by another organization', async () => {
    const { store } = await factory.open();
    const { organizationId } = await seed(store);
    await seed(store, 'org_b');
    await store.createConnector(connector(organizationId, 'ctr_a', { visibility: 'public' }));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    const batch = Array.from({ length: 1200 }, (_, n) => numbered(organizationId, `cxn_${n}`, n));
    await store.createConnections(batch.map((record) => ({ record, credentials: sealed(record.id) })));
    await create(store, connection('org_b', 'cxn_other', 'ctr_a', 't1'));
    await store.upsertTenant(organizationId, 't1', at);
    expect(await store.listTenants(organizationId, { limit: 10 })).toMatchObject([{ id: 't1', connectionCount: 300 }]);
    expect(Object.fromEntries(await store.countConnections(organizationId))).toEqual({ ctr_a: 800, ctr_b: 400 });
    await expectCountsOf(store, organizationId);
    // A batch that fails stores nothing and counts nothing.
    const clash = [numbered(organizationId, 'cxn_new', 1), numbered(organizationId, 'cxn_0', 0)];
    await expect(
      store.createConnections(clash.map((record) => ({ record, credentials: sealed(record.id) }))),
    ).rejects.toThrow();
    expect(await store.getConnection('cxn_new')).toBeUndefined();
    expect(Object.fromEntries(await store.countConnections(organizationId))).toEqual({ ctr_a: 800, ctr_b: 400 });
    expect(await store.deleteConnector('ctr_a')).toBe(801);
    expect(Object.fromEntries(await store.countConnections(organizationId))).toEqual({ ctr_b: 400 });
    expect(Object.fromEntries(await store.countConnections('org_b'))).toEqual({});
    expect(await store.listTenants(organizationId, { limit: 10 })).toMatchObject([{ id: 't1', connectionCount: 100 }]);
    await store.close();
  });

  it('plans the hot queries on the indexes that match their filters and order: no scan of connections, no sort', async () => {
    const { store, exec } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createConnector(connector(organizationId, 'ctr_a'));
    await store.createConnector(connector(organizationId, 'ctr_b'));
    await store.createConnector(connector(organizationId, 'ctr_c'));
    // Two organizations with interleaved ids, few connections in error or of ctr_c: enough rows that reading
    // the primary key (or a whole index) and filtering would cost more than the index that matches.
    await seed(store, 'org_b');
    const batch = ['org_a', 'org_b'].flatMap((org) =>
      Array.from({ length: 2000 }, (_, n) => {
        const record = numbered(org, `cxn_${10_000 + n}${org}`, n);
        const status = n % 25 === 0 ? ('error' as const) : ('active' as const);
        return { ...record, status, connectorId: n % 40 === 1 ? 'ctr_c' : record.connectorId };
      }),
    );
    await store.createConnections(batch.map((record) => ({ record, credentials: sealed(record.id) })));
    // Planner statistics, as a database in use has them.
    await exec('ANALYZE');
    const sample = {
      organizationId,
      tenantId: 't1',
      connectorId: 'ctr_c',
      status: 'error' as const,
      cursor: 'cxn_10100',
    };
    const plans = await store.queryPlans(sample, { forceIndexes: true });
    const uses = (plan: string[], index: string) => plan.some((line) => new RegExp(`\\b${index}\\b`).test(line));
    expect(
      plans.map((plan) => ({
        query: plan.query,
        scans: plan.scansConnections,
        sorts: plan.sorts,
        index: uses(plan.plan, EXPECTED_INDEXES[plan.query]) ? EXPECTED_INDEXES[plan.query] : plan.plan.join(' / '),
      })),
    ).toEqual(Object.entries(EXPECTED_INDEXES).map(([query, index]) => ({ query, scans: false, sorts: false, index })));
    await store.close();
  });
}
