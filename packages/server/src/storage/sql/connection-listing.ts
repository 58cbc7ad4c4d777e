// The hot connection queries as builders: the store runs them, and `query-plans.ts` explains the very same
// statements, so the plans the benchmark and the tests check are those of the queries users wait on.
import type { ConnectionFilter } from '../records.js';
import { CONNECTION_COLUMNS, qualified } from './columns.js';
import type { Db } from './tables.js';

/**
 * A page of connections (as `c`, so that a listing can join what it shows beside them) in id order after the
 * cursor (keyset paging). Every combination of filters has an index that starts with its equality columns and ends with `id` (migration 17), so a page at any depth reads
 * only its own rows; a tenant's connections are few, so other filters on top of a tenant filter are applied
 * to the tenant's rows.
 */
export function connectionPageQuery(db: Db, filter: ConnectionFilter) {
  let query = db
    .selectFrom('connections as c')
    // Named, not `c.*`: SQLite's driver then reads the rows as arrays (storage/sqlite/statement-cache.ts).
    .select(qualified('c', CONNECTION_COLUMNS))
    .where('c.organization_id', '=', filter.organizationId)
    .where('c.id', '>', filter.cursor ?? '');
  if (filter.tenantId !== undefined) query = query.where('c.tenant_id', '=', filter.tenantId);
  if (filter.connectorId !== undefined) query = query.where('c.connector_id', '=', filter.connectorId);
  if (filter.status !== undefined) query = query.where('c.status', '=', filter.status);
  return query.orderBy('c.id').limit(filter.limit);
}

/** Connection counts per connector, of one tenant or of the whole organization, from the kept counts. */
export function connectionCountsQuery(db: Db, organizationId: string, tenantId?: string) {
  if (tenantId === undefined) {
    return db
      .selectFrom('connector_connection_counts')
      .select(['connector_id', 'connections'])
      .where('organization_id', '=', organizationId)
      .where('connections', '>', 0);
  }
  return db
    .selectFrom('tenant_connection_counts')
    .select(['connector_id', 'connections'])
    .where('organization_id', '=', organizationId)
    .where('tenant_id', '=', tenantId)
    .where('connections', '>', 0);
}

/** What deleting a connector removes first: its connections (of every organization, for a public one). */
export const connectorConnectionsDelete = (db: Db, connectorId: string) =>
  db.deleteFrom('connections').where('connector_id', '=', connectorId);
