// The plans of the hot queries, explained through the store's own handle: the scale benchmark prints and
// checks them, and the store contract checks them on small data.
import type { CompiledQuery } from 'kysely';
import type { HotQuery, PlanSample, QueryPlanStore } from '../query-plan-store.js';
import { connectionCountsQuery, connectionPageQuery, connectorConnectionsDelete } from './connection-listing.js';
import type { Engine } from './engine.js';
import type { Db } from './tables.js';

/** A page as the routes ask for it: one row more than shown, to know whether another page follows. */
const PAGE = 101;

function hotQueries(db: Db, s: PlanSample): Array<[HotQuery, { compile(): CompiledQuery }]> {
  const organizationId = s.organizationId;
  return [
    // The widget's list of a session's connections asks for up to 1000.
    ['tenant connections', connectionPageQuery(db, { organizationId, tenantId: s.tenantId, limit: 1000 })],
    ['organization page', connectionPageQuery(db, { organizationId, cursor: s.cursor, limit: PAGE })],
    [
      'organization page by connector',
      connectionPageQuery(db, { organizationId, connectorId: s.connectorId, cursor: s.cursor, limit: PAGE }),
    ],
    [
      'organization page by status',
      connectionPageQuery(db, { organizationId, status: s.status, cursor: s.cursor, limit: PAGE }),
    ],
    [
      'organization page by connector and status',
      connectionPageQuery(db, {
        ...{ organizationId, connectorId: s.connectorId, status: s.status },
        ...{ cursor: s.cursor, limit: PAGE },
      }),
    ],
    ['connection counts of the organization', connectionCountsQuery(db, organizationId)],
    ['connection counts of a tenant', connectionCountsQuery(db, organizationId, s.tenantId)],
    ["deleting a connector's connections", connectorConnectionsDelete(db, s.connectorId)],
  ];
}

/** The query-plan part of the store over one database handle. */
export function queryPlanQueries(db: Db, engine: Engine): QueryPlanStore {
  return {
    async queryPlans(sample, options = {}) {
      const queries = hotQueries(db, sample).map(([query, builder]) => ({ query, compiled: builder.compile() }));
      const plans = await engine.planner.explain(
        db,
        queries.map(({ compiled }) => compiled),
        options.forceIndexes ?? false,
      );
      return queries.map(({ query, compiled }, index) => {
        const plan = plans[index] ?? [];
        return {
          query,
          sql: compiled.sql,
          plan,
          scansConnections: plan.some((line) => engine.planner.scans(line, 'connections')),
          sorts: plan.some((line) => engine.planner.sorts(line)),
        };
      });
    },
  };
}
