// The listings a page load asks for (the widget's cards and connections, an admin page of connections), each one
// query whatever its length.
import { sql } from 'kysely';
import type { CardState, ListingStore } from '../listing-store.js';
import { connectionPageQuery } from './connection-listing.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

/**
 * The connectors (as `ctr`) a connect session may use: with a list, those of it its organization owns or that are
 * public; without, every connector its organization owns.
 */
const usableConnector = (organizationId: string, ids: readonly string[] | null) =>
  ids
    ? sql<boolean>`ctr.id in (${sql.join(ids)}) and (ctr.organization_id = ${organizationId} or ctr.visibility = 'public')`
    : sql<boolean>`ctr.organization_id = ${organizationId}`;

/** Rows of the cards query, one per card and broken connection, folded into one state per card. */
function cardStates(found: rows.Row[]): CardState[] {
  const states: CardState[] = [];
  for (const row of found) {
    const connectorId = rows.text(row.id);
    let state = states.at(-1);
    if (state?.connectorId !== connectorId) {
      state = {
        connectorId,
        revision: Number(row.revision),
        createdBy: rows.text(row.created_by),
        creator:
          row.creator_name === null
            ? null
            : { name: rows.text(row.creator_name), externalId: rows.nullableText(row.creator_external_id) },
        connectionCount: Number(row.connections ?? 0),
        needsReauth: [],
      };
      states.push(state);
    }
    if (row.reauth_id !== null)
      state.needsReauth.push({ id: rows.text(row.reauth_id), label: rows.text(row.reauth_label) });
  }
  return states;
}

/** The {@link ListingStore} queries over one database handle. */
export function listingQueries(db: Db): ListingStore {
  return {
    async listCardStates(organizationId, tenantId, allowedConnectors) {
      if (allowedConnectors?.length === 0) return [];
      const found = await db
        .selectFrom('connectors as ctr')
        .leftJoin('members as m', 'm.id', 'ctr.created_by')
        .leftJoin('tenant_connection_counts as n', (join) =>
          join
            .onRef('n.connector_id', '=', 'ctr.id')
            .on('n.organization_id', '=', organizationId)
            .on('n.tenant_id', '=', tenantId),
        )
        .leftJoin('connections as r', (join) =>
          join
            .onRef('r.connector_id', '=', 'ctr.id')
            .on('r.organization_id', '=', organizationId)
            .on('r.tenant_id', '=', tenantId)
            .on('r.status', '=', 'needs_reauth'),
        )
        .select([
          'ctr.id',
          'ctr.revision',
          'ctr.created_by',
          'n.connections',
          'r.id as reauth_id',
          'r.label as reauth_label',
        ])
        .select(['m.name as creator_name', 'm.external_id as creator_external_id'])
        .where(usableConnector(organizationId, allowedConnectors))
        .orderBy('ctr.id')
        .orderBy('r.id')
        .execute();
      return cardStates(found);
    },
    async getConnectorSummaries(ids) {
      if (ids.length === 0) return [];
      const found = await db
        .selectFrom('connectors')
        .select([
          'id',
          'organization_id',
          'slug',
          'name',
          'description',
          'domain',
          'visibility',
          'icon_url',
          'auth_methods',
          'api_base_url',
          'variables',
          'created_by',
          'created_at',
          'updated_at',
          'revision',
        ])
        .where('id', 'in', [...ids])
        .execute();
      return found.map((row) => ({ ...rows.connectorSummary(row), revision: Number(row.revision) }));
    },
    async listTenantConnections(organizationId, tenantId, allowedConnectors, limit) {
      if (allowedConnectors?.length === 0) return [];
      const found = await db
        .selectFrom('connections as c')
        .innerJoin('connectors as ctr', 'ctr.id', 'c.connector_id')
        .selectAll('c')
        .select('ctr.slug as connector_slug')
        .where('c.organization_id', '=', organizationId)
        .where('c.tenant_id', '=', tenantId)
        .where(usableConnector(organizationId, allowedConnectors))
        .orderBy('c.id')
        .limit(limit)
        .execute();
      return found.map((row) => ({ connection: rows.connection(row), connectorSlug: rows.text(row.connector_slug) }));
    },
    async listConnectionsWithCredentials(filter) {
      const found = await connectionPageQuery(db, filter)
        .leftJoin('connectors as ctr', 'ctr.id', 'c.connector_id')
        .leftJoin('credentials as k', 'k.connection_id', 'c.id')
        .select(['ctr.slug as connector_slug', 'k.connection_id', 'k.key_id', 'k.nonce', 'k.ciphertext'])
        .execute();
      return found.map((row) => ({
        connection: rows.connection(row),
        connectorSlug: rows.nullableText(row.connector_slug) ?? '',
        credentials: row.connection_id ? rows.credentials(row) : undefined,
      }));
    },
  };
}
