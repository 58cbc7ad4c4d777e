import type { CompiledQuery } from 'kysely';
import type { PoolStats } from '../store.js';
import type { Db } from './tables.js';

/** How an engine explains statements, and how its plans read (see `query-plans.ts`). */
export interface Planner {
  /** The plan of each statement, one line per step; explained, not run. */
  explain(db: Db, statements: CompiledQuery[], forceIndexes: boolean): Promise<string[][]>;
  /** Whether a plan line reads every row of `table` (or all of one of its indexes). */
  scans(line: string, table: string): boolean;
  /** Whether a plan line sorts rows: no index gave them in the order asked for. */
  sorts(line: string): boolean;
}

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
  planner: Planner;
  /** The connection pool's use now, where the engine has a pool. */
  poolStats?: () => PoolStats;
}
