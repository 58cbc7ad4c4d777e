// Connector agent runs and their logs. Every change of a run's status is one conditional UPDATE … RETURNING,
// so replicas racing on a run (a cancel against a finish, two sweeps of a dead owner's run) get one outcome.
// Engine-specific: how a log entry takes the run's next seq (see appendOnSqlite and appendOnPostgres).
import type { AgentLogEntry, AgentRun } from '@plugboard/shared';
import { sql } from 'kysely';
import type { AgentRunRecord, AgentStore, NewAgentLogEntry, StoredAgentRun } from '../agent-store.js';
import type { Engine } from './engine.js';
import { json, nullableText, type Row, text } from './rows.js';
import type { Db } from './tables.js';
import { inTransaction } from './transaction.js';

const stored = (row: Row): StoredAgentRun => {
  const owner = nullableText(row.owner);
  const until = nullableText(row.lease_until);
  return {
    id: text(row.id),
    organizationId: text(row.organization_id),
    memberId: nullableText(row.member_id),
    run: json<AgentRun>(row.run),
    connectionId: nullableText(row.connection_id),
    servers: json<string[]>(row.servers),
    lease: owner && until ? { owner, until } : null,
    revision: Number(row.revision),
    logSeq: Number(row.log_seq),
  };
};

const state = (r: AgentRunRecord) => ({
  status: r.run.status,
  run: JSON.stringify(r.run),
  connection_id: r.connectionId,
  servers: JSON.stringify(r.servers),
  owner: r.lease?.owner ?? null,
  lease_until: r.lease?.until ?? null,
});

/** A log row: the entry's JSON, with the seq its row was given (SQLite's JSON is written before it is known). */
const logEntry = (row: Row): AgentLogEntry => {
  const { seq: _seq, ...entry } = json<AgentLogEntry>(row.entry);
  return { seq: Number(row.seq), ...entry };
};

/**
 * One statement: the seq comes from the run's counter, which a trigger (migration 16) moves to the new row's seq.
 * SQLite holds its write lock for the statement, so writers of several processes are serialised; one statement
 * also never leaves a transaction open across an await while another handle of the process waits on the lock.
 */
async function appendOnSqlite(db: Db, runId: string, entry: NewAgentLogEntry, owner?: string) {
  const row = await db
    .insertInto('agent_log')
    .columns(['run_id', 'seq', 'entry'])
    .expression((eb) => {
      let next = eb
        .selectFrom('agent_runs')
        .select(['id', sql<number>`log_seq + 1`.as('seq'), sql<string>`${JSON.stringify(entry)}`.as('entry')])
        .where('id', '=', runId);
      if (owner !== undefined) next = next.where('owner', '=', owner).where('status', '=', 'running');
      return next;
    })
    .returning(['seq', 'entry'])
    .executeTakeFirst();
  return row && logEntry(row);
}

/**
 * Taking the next seq updates the run's row, whose lock Postgres holds to the commit: a second writer's seq
 * commits after the first's, so a reader never sees seq 5 before seq 4.
 */
function appendOnPostgres(db: Db, runId: string, entry: NewAgentLogEntry, owner?: string) {
  return inTransaction(db, async (trx): Promise<AgentLogEntry | undefined> => {
    let next = trx.updateTable('agent_runs').set({ log_seq: sql`log_seq + 1` }).where('id', '=', runId);
    if (owner !== undefined) next = next.where('owner', '=', owner).where('status', '=', 'running');
    const row = await next.returning('log_seq').executeTakeFirst();
    if (!row) return undefined;
    const full: AgentLogEntry = { seq: Number(row.log_seq), ...entry };
    await trx
      .insertInto('agent_log')
      .values({ run_id: runId, seq: full.seq, entry: JSON.stringify(full) })
      .execute();
    return full;
  });
}

/** The steps at which a running run is building (parsing and building take the memory the bound is about). */
const BUILDING_STEPS = ['understand', 'discover', 'build'] as const;

/** The organization's building runs, counted in SQL (the step lives in the run's JSON). */
function buildingCount(engine: Engine, organizationId: string) {
  const step = engine.kind === 'sqlite' ? sql`json_extract(run, '$.step')` : sql`run->>'step'`;
  const steps = sql.join(BUILDING_STEPS.map((name) => sql`${name}`));
  return sql<number>`(SELECT COUNT(*) FROM agent_runs WHERE organization_id = ${organizationId}
    AND status = 'running' AND ${step} IN (${steps}))`;
}

/**
 * SQLite: one INSERT … SELECT that writes the row only while the count is under the bound; SQLite takes its
 * write lock when the statement starts, so the count and the insert of two processes never interleave.
 */
async function createOnSqlite(db: Db, engine: Engine, values: AgentRunValues, maxBuilding: number) {
  const columns = Object.keys(values) as (keyof AgentRunValues)[];
  const row = await db
    .insertInto('agent_runs')
    .columns(columns)
    .expression(
      db
        .selectFrom('organizations')
        .select(columns.map((column) => sql`${values[column]}`.as(column)))
        .where('id', '=', values.organization_id)
        .where(buildingCount(engine, values.organization_id), '<', maxBuilding),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Postgres: a statement's snapshot would miss a concurrent insert not yet committed, so creators of one
 * organization queue on its row's lock first; the count, read after the lock is granted, sees the others' runs.
 */
function createOnPostgres(db: Db, engine: Engine, values: AgentRunValues, maxBuilding: number) {
  return inTransaction(db, async (trx) => {
    await trx.selectFrom('organizations').select('id').where('id', '=', values.organization_id).forUpdate().execute();
    const counted = await trx
      .selectNoFrom(buildingCount(engine, values.organization_id).as('building'))
      .executeTakeFirstOrThrow();
    if (Number(counted.building) >= maxBuilding) return false;
    await trx.insertInto('agent_runs').values(values).execute();
    return true;
  });
}

type AgentRunValues = ReturnType<typeof newRow>;

const newRow = (r: AgentRunRecord) => ({
  id: r.id,
  organization_id: r.organizationId,
  member_id: r.memberId,
  ...state(r),
  revision: 0,
  log_seq: 0,
});

/** The {@link AgentStore} queries over one database handle. */
export function agentQueries(db: Db, engine: Engine): AgentStore {
  return {
    async createAgentRun(r, capacity) {
      const values = newRow(r);
      if (capacity) {
        const create = engine.kind === 'sqlite' ? createOnSqlite : createOnPostgres;
        return create(db, engine, values, capacity.maxBuilding);
      }
      await db.insertInto('agent_runs').values(values).execute();
      return true;
    },
    async getAgentRun(id) {
      const row = await db.selectFrom('agent_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && stored(row);
    },
    async updateAgentRunIf(r, expected) {
      let query = db
        .updateTable('agent_runs')
        .set({ ...state(r), revision: sql`revision + 1` })
        .where('id', '=', r.id)
        .where('status', 'in', [...expected.status]);
      if (expected.owner !== undefined) query = query.where('owner', '=', expected.owner);
      if (expected.revision !== undefined) query = query.where('revision', '=', expected.revision);
      const lapsedBefore = expected.lapsedBefore;
      if (lapsedBefore !== undefined) {
        query = query.where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', lapsedBefore)]));
      }
      const row = await query.returningAll().executeTakeFirst();
      return row && stored(row);
    },
    async renewAgentRunLease(id, owner, until) {
      const row = await db
        .updateTable('agent_runs')
        .set({ lease_until: until })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('status', '=', 'running')
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async releaseAgentRun(id, owner) {
      await db
        .updateTable('agent_runs')
        .set({ owner: null, lease_until: null })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .execute();
    },
    async listAgentRuns(organizationId, page) {
      let query = db.selectFrom('agent_runs').selectAll().where('organization_id', '=', organizationId);
      if (page.cursor) query = query.where('id', '<', page.cursor);
      return (await query.orderBy('id', 'desc').limit(page.limit).execute()).map(stored);
    },
    async listLapsedAgentRuns(now, limit) {
      const found = await db
        .selectFrom('agent_runs')
        .selectAll()
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('id')
        .limit(limit)
        .execute();
      return found.map(stored);
    },
    appendAgentLog(runId, entry, owner) {
      return engine.kind === 'sqlite'
        ? appendOnSqlite(db, runId, entry, owner)
        : appendOnPostgres(db, runId, entry, owner);
    },
    async listAgentLog(runId, afterSeq = 0) {
      const found = await db
        .selectFrom('agent_log')
        .select(['seq', 'entry'])
        .where('run_id', '=', runId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      return found.map(logEntry);
    },
  };
}
