import { CompiledQuery, sql } from 'kysely';
import type { Planner } from '../sql/engine.js';

/**
 * Postgres' `EXPLAIN`: `Seq Scan on t` reads every row; `Index Scan`, `Index Only Scan` and `Bitmap Index
 * Scan` read a range of an index; a `Sort` node sorts. All statements are explained in one transaction, so
 * `SET LOCAL enable_seqscan = off` (which makes a sequential scan the planner's last resort, for a small
 * table it would rather read whole) holds for them and ends with it.
 */
export const postgresPlanner: Planner = {
  explain(db, statements, forceIndexes) {
    return db.transaction().execute(async (trx) => {
      if (forceIndexes) await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const plans: string[][] = [];
      for (const statement of statements) {
        const explained = CompiledQuery.raw(`EXPLAIN ${statement.sql}`, [...statement.parameters]);
        const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(explained);
        plans.push(rows.map((row) => String(row['QUERY PLAN'])));
      }
      return plans;
    });
  },
  scans: (line, table) => new RegExp(`Seq Scan on ${table}\\b`).test(line),
  sorts: (line) => /(^|->\s*)(Incremental )?Sort\b/.test(line.trim()),
};
