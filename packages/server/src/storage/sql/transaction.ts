import type { Db } from './tables.js';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one: store methods that need
 * atomicity stay atomic when a service wraps several of them in `Store.transaction`.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
