import type { ConnectionStatus } from '@plugboard/shared';

/** The hot queries whose plans {@link QueryPlanStore.queryPlans} explains. */
export type HotQuery =
  | 'tenant connections'
  | 'organization page'
  | 'organization page by connector'
  | 'organization page by status'
  | 'organization page by connector and status'
  | 'connection counts of the organization'
  | 'connection counts of a tenant'
  | "deleting a connector's connections";

/** Values to explain the hot queries with: real ids make the engine plan for real selectivity. */
export interface PlanSample {
  organizationId: string;
  tenantId: string;
  connectorId: string;
  status: ConnectionStatus;
  /** A page cursor deep into the organization's connections. */
  cursor: string;
}

/** How the engine runs one hot query. */
export interface QueryPlan {
  query: HotQuery;
  /** The statement, with placeholders. */
  sql: string;
  /** The engine's plan, one line per step (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on Postgres). */
  plan: string[];
  /** Whether a step reads every row of `connections` (or all of one of its indexes). */
  scansConnections: boolean;
  /** Whether the engine sorts rows itself: no index serves the query's order. */
  sorts: boolean;
}

/** What the scale benchmark and its test ask of the store about its own plans. */
export interface QueryPlanStore {
  /**
   * Explains the hot queries (connection lists, pages, counts, a connector's delete) without running them.
   * `forceIndexes` tells a planner that would rather scan a small table to use what indexes it has (Postgres'
   * `enable_seqscan = off`, for this one transaction), so small test data shows the plans of large data.
   */
  queryPlans(sample: PlanSample, options?: { forceIndexes?: boolean }): Promise<QueryPlan[]>;
}
