// The store contract's part for connector agent runs: their logs, leases and conditional status changes, raced
// on two store handles of one database (on Postgres, two pools), as replicas race on them.
import type { AgentRun } from '@plugboard/shared';
import { expect, it } from 'vitest';
import type { AgentRunRecord, Store } from '../storage/store.js';
import type { StoreFactory } from './store-contract.js';
import { at, seed } from './store-fixtures.js';

const iso = (ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

function runRecord(organizationId: string, id: string, status: AgentRun['status'], lease?: string): AgentRunRecord {
  return {
    id,
    organizationId,
    memberId: null,
    connectionId: null,
    servers: ['https://a.example/v1', 'https://b.example/v1'],
    ...(lease ? { lease: { owner: lease, until: iso(30_000) } } : {}),
    run: {
      id,
      prompt: 'HubSpot CRM',
      status,
      step: 'understand',
      source: { kind: 'none' },
      draft: null,
      groups: [],
      tests: [],
      fixes: [],
      warnings: [],
      connectorId: null,
      error: null,
      createdAt: at,
      updatedAt: at,
    },
  };
}

const withStatus = (record: AgentRunRecord, status: AgentRun['status']): AgentRunRecord => ({
  ...record,
  lease: null,
  run: { ...record.run, status },
});

const log = (message: string) => ({ at, step: 'understand' as const, kind: 'info' as const, message });

/** Runs the agent runs part of the store contract. */
export function describeAgentRunContract(factory: StoreFactory) {
  it('keeps agent runs with their logs in order, newest runs first, across a reopen', async () => {
    const { store, reopen } = await factory.open();
    const { organizationId } = await seed(store);
    await store.createAgentRun(runRecord(organizationId, 'agr_1', 'running', 'own_a'));
    const second = runRecord(organizationId, 'agr_2', 'running');
    await store.createAgentRun(second);
    const ready = await store.updateAgentRunIf(
      { ...withStatus(second, 'ready'), connectionId: 'cxn_1' },
      { status: ['running'], revision: 0 },
    );
    expect(ready).toMatchObject({ revision: 1, lease: null, run: { status: 'ready' } });
    for (const n of [1, 2, 3]) expect((await store.appendAgentLog('agr_1', log(`line ${n}`)))?.seq).toBe(n);
    await store.close();
    const again = await reopen();
    expect(await again.getAgentRun('agr_2')).toMatchObject({ connectionId: 'cxn_1', run: { status: 'ready' } });
    expect(await again.getAgentRun('agr_1')).toMatchObject({
      lease: { owner: 'own_a', until: iso(30_000) },
      revision: 0,
      logSeq: 3,
    });
    expect((await again.listAgentRuns(organizationId, { limit: 10 })).map((r) => r.id)).toEqual(['agr_2', 'agr_1']);
    expect((await again.listAgentRuns(organizationId, { limit: 10, cursor: 'agr_2' })).map((r) => r.id)).toEqual([
      'agr_1',
    ]);
    expect((await again.listAgentLog('agr_1')).map((entry) => entry.message)).toEqual(['line 1', 'line 2', 'line 3']);
    expect((await again.listAgentLog('agr_1', 2)).map((entry) => entry.seq)).toEqual([3]);
    expect(await again.getAgentRun('agr_missing')).toBeUndefined();
    await again.close();
  });

  it('gives concurrent log writers on two handles distinct seqs in commit order, and an owner’s entry only while it holds the run', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    await store.createAgentRun(runRecord(organizationId, 'agr_1', 'running', 'own_a'));
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).appendAgentLog('agr_1', log(`entry ${i}`))),
    );
    expect(written.map((entry) => entry?.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect((await other.listAgentLog('agr_1')).map((entry) => entry.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await store.appendAgentLog('agr_1', log('by a stranger'), 'own_b')).toBeUndefined();
    expect((await store.appendAgentLog('agr_1', log('by the owner'), 'own_a'))?.seq).toBe(21);
    await other.close();
    await store.close();
  });

  it('lets exactly one of a cancel and a finish racing on two handles win, and the owner notices on its heartbeat', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    for (let round = 0; round < 6; round++) {
      const id = `agr_${round}`;
      const record = runRecord(organizationId, id, 'running', 'own_a');
      await store.createAgentRun(record);
      const read = (await other.getAgentRun(id)) as NonNullable<Awaited<ReturnType<Store['getAgentRun']>>>;
      const [finish, cancel] = await Promise.all([
        store.updateAgentRunIf(withStatus(record, 'ready'), { status: ['running'], owner: 'own_a' }),
        other.updateAgentRunIf(withStatus(read, 'cancelled'), { status: ['running'], revision: read.revision }),
      ]);
      expect([finish, cancel].filter(Boolean)).toHaveLength(1);
      const final = await store.getAgentRun(id);
      expect(final?.run.status).toBe(finish ? 'ready' : 'cancelled');
      expect(final?.revision).toBe(1);
      expect(await store.renewAgentRunLease(id, 'own_a', iso(60_000))).toBe(false);
    }
    // A cancel made on a stale read (the owner took a step since) is refused, so the step is not written over.
    const record = runRecord(organizationId, 'agr_stale', 'running', 'own_a');
    await store.createAgentRun(record);
    const stale = (await other.getAgentRun('agr_stale')) as NonNullable<Awaited<ReturnType<Store['getAgentRun']>>>;
    const stepped = { ...record, run: { ...record.run, step: 'discover' as const } };
    expect(await store.updateAgentRunIf(stepped, { status: ['running'], owner: 'own_a' })).toBeDefined();
    const expected = { status: ['running' as const], revision: stale.revision };
    expect(await other.updateAgentRunIf(withStatus(stale, 'cancelled'), expected)).toBeUndefined();
    const fresh = (await other.getAgentRun('agr_stale')) as NonNullable<typeof stale>;
    const cancelled = await other.updateAgentRunIf(withStatus(fresh, 'cancelled'), {
      status: ['running'],
      revision: fresh.revision,
    });
    expect(cancelled?.run).toMatchObject({ status: 'cancelled', step: 'discover' });
    await other.close();
    await store.close();
  });

  it('stores at most the bound of building runs when creates race on two handles, counting only building ones', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    const { organizationId: otherOrganization } = await seed(store, 'org_b');
    // Runs past the build (paused at the review, testing) and other organizations' runs take no capacity.
    await store.createAgentRun(runRecord(organizationId, 'agr_paused', 'awaiting_review'));
    const testing = runRecord(organizationId, 'agr_testing', 'running', 'own_a');
    await store.createAgentRun({ ...testing, run: { ...testing.run, step: 'test' } });
    await store.createAgentRun(runRecord(otherOrganization, 'agr_elsewhere', 'running', 'own_a'));
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? other : store).createAgentRun(runRecord(organizationId, `agr_${i}`, 'running', 'own_a'), {
          maxBuilding: 3,
        }),
      ),
    );
    expect(created.filter(Boolean)).toHaveLength(3);
    const stored = await other.listAgentRuns(organizationId, { limit: 50 });
    const building = stored.filter((r) => r.run.status === 'running' && r.run.step === 'understand');
    expect(building.map((r) => r.id).sort()).toEqual(created.flatMap((ok, i) => (ok ? [`agr_${i}`] : [])).sort());
    // Once one moves on to the review, there is room for exactly one more.
    const first = building[0] as NonNullable<(typeof building)[0]>;
    await store.updateAgentRunIf(withStatus(first, 'awaiting_review'), { status: ['running'] });
    const again = await Promise.all(
      ['agr_x', 'agr_y'].map((id, i) =>
        (i ? other : store).createAgentRun(runRecord(organizationId, id, 'running'), { maxBuilding: 3 }),
      ),
    );
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(await store.createAgentRun(runRecord(otherOrganization, 'agr_z', 'running'), { maxBuilding: 1 })).toBe(
      false,
    );
    await other.close();
    await store.close();
  });

  it('renews only the owner’s lease, and fails a lapsed run once however many sweepers race', async () => {
    const { store, reopen } = await factory.open();
    const other = await reopen();
    const { organizationId } = await seed(store);
    const record = runRecord(organizationId, 'agr_1', 'running', 'own_a');
    await store.createAgentRun(record);
    await store.createAgentRun(runRecord(organizationId, 'agr_live', 'running', 'own_b'));
    await store.createAgentRun(runRecord(organizationId, 'agr_paused', 'awaiting_review'));
    expect(await other.renewAgentRunLease('agr_1', 'own_b', iso(90_000))).toBe(false);
    expect(await store.renewAgentRunLease('agr_1', 'own_a', iso(40_000))).toBe(true);
    expect((await store.listLapsedAgentRuns(iso(29_999), 10)).map((r) => r.id)).toEqual([]);
    expect((await store.listLapsedAgentRuns(iso(30_001), 10)).map((r) => r.id)).toEqual(['agr_live']);
    const lapsed = await other.listLapsedAgentRuns(iso(40_001), 10);
    expect(lapsed.map((r) => r.id)).toEqual(['agr_1', 'agr_live']);
    const target = lapsed[0] as NonNullable<(typeof lapsed)[0]>;
    const sweeps = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? other : store).updateAgentRunIf(withStatus(target, 'failed'), {
          status: ['running'],
          revision: target.revision,
          lapsedBefore: iso(40_001),
        }),
      ),
    );
    expect(sweeps.filter(Boolean)).toHaveLength(1);
    // A lease renewed after the sweeper read it is not lapsed any more: the sweep's write does not happen.
    const live = lapsed[1] as NonNullable<(typeof lapsed)[1]>;
    await store.renewAgentRunLease('agr_live', 'own_b', iso(90_000));
    expect(
      await other.updateAgentRunIf(withStatus(live, 'failed'), {
        status: ['running'],
        revision: live.revision,
        lapsedBefore: iso(40_001),
      }),
    ).toBeUndefined();
    await store.releaseAgentRun('agr_live', 'own_a');
    expect((await store.getAgentRun('agr_live'))?.lease?.owner).toBe('own_b');
    await store.releaseAgentRun('agr_live', 'own_b');
    expect((await store.getAgentRun('agr_live'))?.lease).toBeNull();
    await other.close();
    await store.close();
  });
}
