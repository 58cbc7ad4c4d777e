// The store contract's part for the per-tenant call logs: filters, keyset paging, and pruning by age.
import { expect, it } from 'vitest';
import type { CallLogRecord } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at } from './store-fixtures.js';

/** A call log entry of organization `org_1` with the given fields over plain defaults. */
export function callLogEntry(id: string, fields: Partial<CallLogRecord> = {}): CallLogRecord {
  return {
    ...{ id, organizationId: 'org_1', kind: 'action', tenantId: 't1', connectionId: 'cxn_1', connectorId: 'ctr_a' },
    ...{ connectorSlug: 'acme', operation: 'list', method: 'GET', host: 'api.acme.test', path: '/items' },
    ...{ status: 200, durationMs: 12, errorCode: null, requestId: null, createdAt: at },
    ...fields,
  };
}

/** Runs the call log part of the store contract. */
export function describeCallLogContract(factory: StoreFactory) {
  it('lists call logs newest first with every filter, one organization only, in keyset pages', async () => {
    const { store } = await factory.open();
    await store.insertCallLogs([
      callLogEntry('log_1', { createdAt: '2030-01-01T00:00:00.000Z' }),
      callLogEntry('log_2', { tenantId: 't2', connectionId: 'cxn_2', status: 404 }),
      callLogEntry('log_3', { kind: 'proxy', operation: null, status: 503, createdAt: '2030-01-03T00:00:00.000Z' }),
      callLogEntry('log_4', { connectorId: 'ctr_b', status: null, errorCode: 'upstream_timeout' }),
      callLogEntry('log_5', { organizationId: 'org_2' }),
    ]);
    const ids = async (filter: Partial<Parameters<typeof store.listCallLogs>[0]> = {}) =>
      (await store.listCallLogs({ organizationId: 'org_1', limit: 10, ...filter })).map((entry) => entry.id);
    expect(await ids()).toEqual(['log_4', 'log_3', 'log_2', 'log_1']);
    expect(await ids({ tenantId: 't2' })).toEqual(['log_2']);
    expect(await ids({ connectionId: 'cxn_1', connectorId: 'ctr_a' })).toEqual(['log_3', 'log_1']);
    expect(await ids({ kind: 'proxy' })).toEqual(['log_3']);
    expect(await ids({ status: '4xx' })).toEqual(['log_2']);
    expect(await ids({ status: '5xx' })).toEqual(['log_3']);
    expect(await ids({ status: '2xx' })).toEqual(['log_1']);
    expect(await ids({ status: 'error' })).toEqual(['log_4']);
    expect(await ids({ since: '2030-01-02T00:00:00.000Z', until: '2030-01-04T00:00:00.000Z' })).toEqual(['log_3']);
    expect(await ids({ limit: 2 })).toEqual(['log_4', 'log_3']);
    expect(await ids({ limit: 2, cursor: 'log_3' })).toEqual(['log_2', 'log_1']);
    const [timedOut] = await store.listCallLogs({ organizationId: 'org_1', limit: 1 });
    expect(timedOut).toEqual(
      callLogEntry('log_4', { connectorId: 'ctr_b', status: null, errorCode: 'upstream_timeout' }),
    );
    await store.close();
  });

  it('prunes call logs written before the cutoff and keeps the newer ones', async () => {
    const { store } = await factory.open();
    await store.insertCallLogs([
      callLogEntry('log_old', { createdAt: '2020-01-01T00:00:00.000Z' }),
      callLogEntry('log_new', { createdAt: '2030-01-01T00:00:00.000Z' }),
    ]);
    const cutoffs = {
      now: new Date('2029-12-31T00:00:00.000Z'),
      expiredBefore: '2000-01-01T00:00:00.000Z',
      eventsBefore: '2000-01-01T00:00:00.000Z',
      inboundIdsBefore: '2000-01-01T00:00:00.000Z',
      callLogsBefore: '2029-01-01T00:00:00.000Z',
    };
    expect((await store.pruneExpired(cutoffs, 100)).callLogs).toBe(1);
    const left = await store.listCallLogs({ organizationId: 'org_1', limit: 10 });
    expect(left.map((entry) => entry.id)).toEqual(['log_new']);
    await store.close();
  });
}
