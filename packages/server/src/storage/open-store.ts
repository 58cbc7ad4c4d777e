import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the store a database URL names: a SQLite path or `file:` URL (the default).
 *
 * @throws Error for `postgres://` URLs, which a later release supports.
 */
export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('Postgres is not supported yet: set PLUGBOARD_DATABASE_URL to a SQLite file path.');
  }
  return SqliteStore.open(url);
}
