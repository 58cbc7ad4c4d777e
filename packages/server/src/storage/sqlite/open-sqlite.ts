import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'libsql';
import type { Engine } from '../sql/engine.js';
import { applyMigrations, type MigrationReport, type MigrationSession } from '../sql/migrator.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Tables } from '../sql/tables.js';
import type { Store } from '../store.js';
import { migrations } from './migrations.js';
import { sqlitePlanner } from './sqlite-planner.js';
import { cachingStatements } from './statement-cache.js';

const engine: Engine = {
  kind: 'sqlite',
  rowLocks: false,
  schemaVersion: Math.max(...migrations.map((migration) => migration.version)),
  planner: sqlitePlanner,
};

/**
 * Migrates under SQLite's write lock: `BEGIN IMMEDIATE` takes it before reading the applied versions, so
 * a second process opening the file waits (busy_timeout) and then finds the work done.
 */
async function migrate(database: Database.Database, now: Date): Promise<MigrationReport> {
  const session: MigrationSession = {
    async exec(sql) {
      database.exec(sql);
    },
    async appliedVersions() {
      const found = database.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>;
      return found.map((row) => Number(row.version));
    },
    async record(migration, at) {
      database
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, at);
    },
  };
  database.exec('BEGIN IMMEDIATE');
  try {
    const report = await applyMigrations(session, migrations, now);
    database.exec('COMMIT');
    return report;
  } catch (error) {
    database.exec('ROLLBACK');
    throw error;
  }
}

/** The SQLite file a path or `file:` URL names. */
const pathOf = (url: string) => (url.startsWith('file://') ? fileURLToPath(url) : url.replace(/^file:/, ''));

/**
 * Opens (creating when needed) and migrates the SQLite database at a path or `file:` URL, in WAL mode.
 *
 * @throws SchemaTooNewError when the file was migrated by a newer release
 */
export async function openSqlite(url: string, now = new Date()): Promise<{ store: Store; migration: MigrationReport }> {
  const path = pathOf(url);
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  const database = new Database(path);
  // The busy timeout first: switching a new file to WAL takes a lock, which another replica starting at the same
  // moment may hold for its migrations; without the timeout this one would fail at once with "database is locked".
  database.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
  // In WAL mode NORMAL syncs at checkpoints rather than at every commit: the file cannot be corrupted, and a
  // commit survives a crash of the process, though the last ones may not survive a power loss. FULL made each
  // small write (a tenant's call budget, on every call to a third party) wait for the disk: milliseconds each.
  database.exec('PRAGMA synchronous = NORMAL;');
  let migration: MigrationReport;
  try {
    migration = await migrate(database, now);
  } catch (error) {
    database.close();
    throw error;
  }
  // libsql's statements have better-sqlite3's shape (`reader`, `all`, `run`, `iterate`), which Kysely's
  // SQLite dialect drives; RETURNING statements report `reader` true, so their rows come back.
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  return { store: createSqlStore(db, engine), migration };
}
