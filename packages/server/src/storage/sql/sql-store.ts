import { sql } from 'kysely';
import type { Store } from '../store.js';
import { accountQueries } from './accounts.js';
import { agentQueries } from './agent-runs.js';
import { callLogQueries } from './call-logs.js';
import { callTargetQueries } from './call-targets.js';
import { connectLinkQueries } from './connect-links.js';
import { connectionQueries } from './connections.js';
import { connectorQueries } from './connectors.js';
import type { Engine } from './engine.js';
import { eventQueries } from './events.js';
import { hotReadQueries } from './hot-reads.js';
import { listingQueries } from './listings.js';
import { mcpTokenQueries } from './mcp-tokens.js';
import { oauthQueries } from './oauth.js';
import { queryPlanQueries } from './query-plans.js';
import { sealedQueries } from './sealed.js';
import type { Db } from './tables.js';
import { inTransaction } from './transaction.js';
import { upkeepQueries } from './upkeep.js';

/**
 * The one {@link Store} over both engines: the same queries, built with Kysely, run on SQLite and Postgres;
 * what differs sits in `engine`.
 */
export function createSqlStore(db: Db, engine: Engine): Store {
  // Kysely would quietly open a destroyed pool again on the next query; a closed store must not look ready.
  let closed = false;
  return {
    ...accountQueries(db),
    ...connectorQueries(db),
    ...connectionQueries(db),
    ...oauthQueries(db),
    ...sealedQueries(db),
    ...eventQueries(db, engine),
    ...agentQueries(db, engine),
    ...upkeepQueries(db),
    ...mcpTokenQueries(db),
    ...connectLinkQueries(db),
    ...queryPlanQueries(db, engine),
    ...callLogQueries(db),
    ...(engine.poolStats ? { poolStats: engine.poolStats } : {}),
    ...hotReadQueries(db),
    ...listingQueries(db),
    ...callTargetQueries(db),
    async ping() {
      if (closed) throw new Error('The store is closed');
      const { rows } = await sql<{
        version: number | null;
      }>`SELECT max(version) AS version FROM schema_migrations`.execute(db);
      const version = Number(rows[0]?.version ?? 0);
      if (version !== engine.schemaVersion) {
        throw new Error(`The database schema is at version ${version}; this code expects ${engine.schemaVersion}`);
      }
    },
    transaction: (work) => inTransaction(db, (trx) => work(createSqlStore(trx, engine))),
    async close() {
      if (db.isTransaction) throw new Error('A transaction’s store cannot close the database');
      closed = true;
      // Closes the libsql handle or ends the pg pool.
      await db.destroy();
    },
  };
}
