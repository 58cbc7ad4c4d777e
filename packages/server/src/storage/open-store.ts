import { openPostgres } from './postgres/open-postgres.js';
import type { MigrationReport } from './sql/migrator.js';
import { openSqlite } from './sqlite/open-sqlite.js';
import type { Store } from './store.js';

export { SchemaTooNewError } from './sql/migrator.js';

/** How to open a store. */
export interface OpenStoreOptions {
  /** Postgres: the most connections the pool opens. @default 10 */
  poolSize?: number | undefined;
}

/** Whether a database URL names a Postgres database (`postgres://` or `postgresql://`). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * Opens and migrates the database a URL names, reporting what the migration did.
 *
 * @throws SchemaTooNewError when the database was migrated by a newer release
 */
export function openAndMigrate(
  url: string,
  options: OpenStoreOptions = {},
): Promise<{ store: Store; migration: MigrationReport }> {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url);
}

/**
 * Opens the store a database URL names, migrating it first: a Postgres database (`postgres://` or
 * `postgresql://`, through a pool of `poolSize` connections), else a SQLite path or `file:` URL (the default).
 * Replicas opening one database together migrate it once.
 *
 * @throws SchemaTooNewError when the database was migrated by a newer release
 * @example
 * ```ts
 * const store = await openStore(process.env.PLUGBOARD_DATABASE_URL ?? 'file:plugboard.db');
 * ```
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  return (await openAndMigrate(url, options)).store;
}
