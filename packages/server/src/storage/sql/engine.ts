/**
 * What differs between the engines, in one place: each engine's opener fills it in (see
 * storage/sqlite/open-sqlite.ts and storage/postgres/open-postgres.ts).
 */
export interface Engine {
  kind: 'sqlite' | 'postgres';
  /**
   * Whether claiming queries lock the rows they pick (`FOR UPDATE SKIP LOCKED`): Postgres needs it so that
   * concurrent workers skip each other's rows; SQLite runs one writer at a time and has no row locks.
   */
  rowLocks: boolean;
  /** The newest migration this code has for the engine: the schema version a ready database is at. */
  schemaVersion: number;
}
