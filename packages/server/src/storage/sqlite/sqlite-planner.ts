import { CompiledQuery } from 'kysely';
import type { Planner } from '../sql/engine.js';

/**
 * SQLite's `EXPLAIN QUERY PLAN`: `SEARCH t USING INDEX i (a=? AND b>?)` reads a range of an index,
 * `SCAN t` (with or without `USING INDEX`) reads all of it, `USE TEMP B-TREE FOR ORDER BY` sorts.
 * SQLite's planner picks an index whose leading columns match the equalities whether or not it has
 * statistics, so `forceIndexes` has nothing to do here.
 */
export const sqlitePlanner: Planner = {
  async explain(db, statements) {
    const plans: string[][] = [];
    for (const statement of statements) {
      const explained = CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]);
      const { rows } = await db.executeQuery<{ detail: string }>(explained);
      plans.push(rows.map((row) => String(row.detail)));
    }
    return plans;
  },
  scans: (line, table) => new RegExp(`^SCAN ${table}\\b`).test(line.trim()),
  sorts: (line) => /USE TEMP B-TREE FOR (ORDER|GROUP) BY/.test(line),
};
