// The read of every call to a connection's API: the connection, its credentials and its connector in one query,
// compiled once.
import { sql } from 'kysely';
import type { CallTargetStore } from '../call-target-store.js';
import { CONNECTION_COLUMNS, CONNECTOR_COLUMNS, qualified } from './columns.js';
import { compiledOnce } from './compiled-once.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

/** The connector's columns beside the connection's, renamed `p_<column>` so that none collides. */
const connectorSelections = CONNECTOR_COLUMNS.map((column) => `p.${column} as p_${column}` as const);

/** The connector's part of a joined row, under its own column names again. */
const connectorOf = (row: rows.Row) =>
  rows.connector(Object.fromEntries(CONNECTOR_COLUMNS.map((column) => [column, row[`p_${column}`]])));

/** The {@link CallTargetStore} queries over one database handle. */
export function callTargetQueries(db: Db): CallTargetStore {
  const targetById = compiledOnce(db, (id) =>
    db
      .selectFrom('connections as c')
      .leftJoin('credentials as k', 'k.connection_id', 'c.id')
      .leftJoin('connectors as p', 'p.id', 'c.connector_id')
      .select(qualified('c', CONNECTION_COLUMNS))
      .select(['k.connection_id', 'k.key_id', 'k.nonce', 'k.ciphertext'])
      .select(connectorSelections)
      .where('c.id', '=', id)
      // One row by a unique key: SQLite's driver reads it with one native call (storage/sqlite/statement-cache.ts).
      .limit(sql.lit(1)),
  );
  return {
    async getCallTarget(id) {
      const row = await targetById(id);
      if (!row) return undefined;
      return {
        connection: rows.connection(row),
        credentials: row.connection_id ? rows.credentials(row) : undefined,
        connector: row.p_id ? connectorOf(row) : undefined,
      };
    },
  };
}
