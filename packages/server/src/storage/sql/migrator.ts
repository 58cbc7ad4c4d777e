// The versioned schema changes of both engines, applied under the engine's migration lock.

/** One versioned schema change; never edit one that has shipped. */
export interface Migration {
  version: number;
  name: string;
  /** One or more statements. */
  sql: string;
}

/** What a migration run did. */
export interface MigrationReport {
  /** Versions applied by this run, in order; empty when the database was already current. */
  applied: number[];
  /** The schema version the database is at now. */
  version: number;
}

/** What the migrator needs of an engine, inside a transaction that holds its migration lock. */
export interface MigrationSession {
  /** Runs statements that return nothing (a migration's SQL may hold several). */
  exec(sql: string): Promise<void>;
  appliedVersions(): Promise<number[]>;
  record(migration: Migration, at: string): Promise<void>;
}

/** The bookkeeping table; SQLite databases made before the Postgres port already have it in this form. */
export const SCHEMA_MIGRATIONS_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)';

/**
 * The database's schema is newer than this code knows: another replica (or a newer release) migrated it.
 * Starting would risk writing rows the newer schema does not expect, so the store refuses to open.
 */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError' as const;
  readonly code = 'schema_too_new' as const;

  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database schema is at version ${databaseVersion}, newer than this Plugboard knows (${codeVersion}): ` +
        'run a Plugboard release at least as new as the one that migrated it, or point PLUGBOARD_DATABASE_URL elsewhere.',
    );
  }
}

/**
 * Applies the migrations the database lacks, in order. The caller holds the engine's migration lock in one
 * transaction, so replicas starting together migrate once: the others wait, then find nothing to do.
 *
 * @throws SchemaTooNewError when the database has a version this code does not know
 */
export async function applyMigrations(
  session: MigrationSession,
  migrations: ReadonlyArray<Migration>,
  now: Date,
): Promise<MigrationReport> {
  await session.exec(SCHEMA_MIGRATIONS_DDL);
  const applied = new Set(await session.appliedVersions());
  const known = Math.max(...migrations.map((migration) => migration.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new SchemaTooNewError(newest, known);
  const report: MigrationReport = { applied: [], version: newest };
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await session.exec(migration.sql);
    await session.record(migration, now.toISOString());
    report.applied.push(migration.version);
    report.version = Math.max(report.version, migration.version);
  }
  return report;
}
