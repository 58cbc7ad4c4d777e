import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Engine } from '../sql/engine.js';
import { applyMigrations, type MigrationReport, type MigrationSession } from '../sql/migrator.js';
import { createSqlStore } from '../sql/sql-store.js';
import { StoreInputError } from '../sql/store-input-error.js';
import type { Tables } from '../sql/tables.js';
import type { Store } from '../store.js';
import { migrations } from './migrations.js';
import { postgresPlanner } from './postgres-planner.js';
import { isStalePlan, statementNamer } from './statement-names.js';

/** The pool size when none is configured. */
export const DEFAULT_POOL_SIZE = 10;

// The first key of the migration lock: "plug" in ASCII. The second is the schema's hash, so databases in
// different schemas of one server (the tests use that) migrate independently.
const LOCK_NAMESPACE = 0x706c7567;

const engine: Engine = {
  kind: 'postgres',
  rowLocks: true,
  schemaVersion: Math.max(...migrations.map((migration) => migration.version)),
  planner: postgresPlanner,
};

// SQLSTATE 22021 (character_not_in_repertoire): a NUL in a text parameter, which only user input can carry.
const rethrow = (error: unknown): never => {
  throw (error as { code?: unknown }).code === '22021' ? new StoreInputError({ cause: error }) : error;
};

/**
 * The pool as Kysely drives it, with input Postgres refuses turned into {@link StoreInputError}, and each SQL text
 * prepared once per connection (see {@link statementNamer}).
 */
const refusingBadInput = (pool: pg.Pool, statements = statementNamer()): PostgresPool => ({
  async connect() {
    const client = await pool.connect();
    const run = async (text: string, values: unknown[]) => {
      const name = statements.nameOf(text, values);
      if (!name) return client.query(text, values);
      try {
        return await client.query({ name, text, values });
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        statements.unname(text);
        return client.query(text, values);
      }
    };
    return {
      query: ((text: string, values: unknown[]) => run(text, values).catch(rethrow)) as pg.PoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  },
  end: () => pool.end(),
  options: pool.options,
});

/**
 * Migrates in one transaction holding a transaction-level advisory lock: replicas starting together queue on
 * it, the first migrates, the others find nothing left to do. The lock goes with the transaction, even when
 * the process dies.
 */
async function migrate(pool: pg.Pool, now: Date): Promise<MigrationReport> {
  const client = await pool.connect();
  const session: MigrationSession = {
    async exec(sql) {
      await client.query(sql);
    },
    async appliedVersions() {
      const found = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      return found.rows.map((row) => Number(row.version));
    },
    async record(migration, at) {
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        at,
      ]);
    },
  };
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_NAMESPACE]);
    const report = await applyMigrations(session, migrations, now);
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Opens a Postgres database (15 or newer) through a pool of `poolSize` connections and migrates it.
 *
 * @throws SchemaTooNewError when the database was migrated by a newer release
 */
export async function openPostgres(
  url: string,
  options: { poolSize?: number | undefined } = {},
  now = new Date(),
): Promise<{ store: Store; migration: MigrationReport }> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE });
  // An idle connection the server drops (restart, failover) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  let migration: MigrationReport;
  try {
    migration = await migrate(pool, now);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: refusingBadInput(pool) }) });
  const max = options.poolSize ?? DEFAULT_POOL_SIZE;
  const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max });
  return { store: createSqlStore(db, { ...engine, poolStats }), migration };
}
