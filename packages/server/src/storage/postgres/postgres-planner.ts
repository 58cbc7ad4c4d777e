import { CompiledQuery, sql } from 'kysely';
import type { Planner } from '../sql/engine.js';

/**
 * Postgres' `EXPLAIN`: `Seq Scan on t` reads every row; `Index Scan`, `Index Only Scan` and `Bitmap Index
 * Scan` read a range of an index; a `Sort` node sorts. All statements are explained in one transaction, so
 * `forceIndexes` (sequential scans, bitmap scans and sorts as the planner's last resort, which on a small
 * table it would rather use) holds for them and ends with it.
 */
export const postgresPlanner: Planner = {
  explain(db, statements, forceIndexes) {
    return db.transaction().execute(async (trx) => {
      if (forceIndexes) {
        // What a large table gets: an index read in the order asked for, rather than a sort of a few rows.
        for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) {
          await sql`SELECT set_config(${setting}, 'off', true)`.execute(trx);
        }
      }
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
