// The joined lookups of the busiest requests (see hot-read-store.ts), each compiled once.
import { sql } from 'kysely';
import type { HotReadStore } from '../hot-read-store.js';
import {
  API_KEY_COLUMNS,
  CONNECTION_COLUMNS,
  CONNECTOR_SUMMARY_COLUMNS,
  qualified,
  SESSION_COLUMNS,
} from './columns.js';
import { compiledOnce } from './compiled-once.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

/** The organization's columns beside another table's, renamed so that none collides. */
const organizationColumns = [
  'o.name as organization_name',
  'o.allowed_origins as organization_allowed_origins',
  'o.created_at as organization_created_at',
] as const;

const organizationOf = (row: rows.Row) =>
  rows.organization({
    id: row.organization_id,
    name: row.organization_name,
    allowed_origins: row.organization_allowed_origins,
    created_at: row.organization_created_at,
  });

/**
 * Each lookup reads one row by a unique key; `limit 1` says so in the SQL, which lets SQLite's driver read the
 * row in one native call (see storage/sqlite/statement-cache.ts). A literal, so that the key stays the only
 * parameter (see {@link compiledOnce}).
 */
const ONE_ROW = sql.lit(1);

/** The {@link HotReadStore} queries over one database handle. */
export function hotReadQueries(db: Db): HotReadStore {
  const apiKeyByHash = compiledOnce(db, (hash) =>
    db
      .selectFrom('api_keys as k')
      .innerJoin('organizations as o', 'o.id', 'k.organization_id')
      .select(qualified('k', API_KEY_COLUMNS))
      .select(organizationColumns)
      .where('k.hash', '=', hash)
      .limit(ONE_ROW),
  );
  const sessionByHash = compiledOnce(db, (hash) =>
    db
      .selectFrom('connect_sessions as s')
      .innerJoin('organizations as o', 'o.id', 's.organization_id')
      .select(qualified('s', SESSION_COLUMNS))
      .select(organizationColumns)
      .where('s.token_hash', '=', hash)
      .limit(ONE_ROW),
  );
  const connectionById = compiledOnce(db, (id) =>
    db
      .selectFrom('connections as c')
      .leftJoin('credentials as k', 'k.connection_id', 'c.id')
      .select(qualified('c', CONNECTION_COLUMNS))
      // Not the credentials' connection_id: it is the connection's id, or null exactly when key_id is.
      .select(['k.key_id', 'k.nonce', 'k.ciphertext'])
      .where('c.id', '=', id)
      .limit(ONE_ROW),
  );
  return {
    async findApiKeyAuth(hash) {
      const row = await apiKeyByHash(hash);
      const organization = row && organizationOf(row);
      return row && organization && { apiKey: rows.apiKey(row), organization };
    },
    async findSessionAuth(hash) {
      const row = await sessionByHash(hash);
      const organization = row && organizationOf(row);
      return row && organization && { session: rows.session(row), organization };
    },
    async getConnectionWithCredentials(id) {
      const row = await connectionById(id);
      if (!row) return undefined;
      const connection = rows.connection(row);
      const credentials =
        rows.nullableText(row.key_id) === null ? undefined : { connectionId: connection.id, ...rows.sealed(row) };
      return { connection, credentials };
    },
    async listUsableConnectors(organizationId, ids) {
      if (ids?.length === 0) return [];
      const found = await db
        .selectFrom('connectors')
        .select(CONNECTOR_SUMMARY_COLUMNS)
        .where((eb) =>
          ids
            ? eb.and([
                eb('id', 'in', [...ids]),
                eb.or([eb('organization_id', '=', organizationId), eb('visibility', '=', 'public')]),
              ])
            : eb('organization_id', '=', organizationId),
        )
        .orderBy('id')
        .execute();
      return found.map(rows.connectorSummary);
    },
    async getConnectorSlugs(ids) {
      if (ids.length === 0) return new Map();
      const found = await db
        .selectFrom('connectors')
        .select(['id', 'slug'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(found.map((row) => [row.id, row.slug]));
    },
  };
}
