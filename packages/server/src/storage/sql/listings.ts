// The listings a page load asks for (the widget's cards and connections, an admin page of connections), each one
// query whatever its length.
import { sql } from 'kysely';
import type { CardListing, ListedCredentials, ListingStore } from '../listing-store.js';
import type { ConnectionFilter } from '../records.js';
import { CONNECTOR_SUMMARY_COLUMNS } from './columns.js';
import { compiledShape } from './compiled-shape.js';
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

/** The rows of the cards query folded into a listing. */
function cardListing(found: rows.Row[]): CardListing {
  const listing: CardListing = { revision: null, cards: [], connectionCounts: new Map(), needsReauth: new Map() };
  for (const row of found) {
    const connectorId = rows.text(row.connector_id);
    if (row.kind === 'count') listing.connectionCounts.set(connectorId, Number(row.n));
    else if (row.kind === 'reauth') {
      const reauth = { id: rows.text(row.ref), label: rows.text(row.label) };
      listing.needsReauth.set(connectorId, [...(listing.needsReauth.get(connectorId) ?? []), reauth]);
    } else if (row.kind === 'revision') listing.revision = Number(row.n);
    else {
      listing.cards.push({
        connectorId,
        revision: Number(row.n),
        createdBy: rows.text(row.ref),
        creator: row.label === null ? null : { name: rows.text(row.label), externalId: rows.nullableText(row.extra) },
      });
    }
  }
  for (const reauth of listing.needsReauth.values()) reauth.sort((a, b) => (a.id < b.id ? -1 : 1));
  return listing;
}

/** A row of the cards query, whichever its kind. */
type CardRow = {
  kind: string;
  connector_id: string;
  n: unknown;
  ref: string | null;
  label: string | null;
  extra: string | null;
};

/**
 * The cards query: a row per card (its connector's revision and creator), per connector the tenant has connections
 * of (how many) and per connection of the tenant to reconnect, told apart by `kind`. The tenant's rows are few and
 * read by their own index; joining them to every connector instead would probe two indexes per card. With `known`
 * (a session without a list of connectors), also the organization's connectors revision, and cards only when that
 * revision is not `known`: one statement, so the cards left out are those of the revision it reads.
 */
function cardsQuery(
  db: Db,
  organizationId: string,
  tenantId: string,
  allowed: readonly string[] | null,
  known?: number,
) {
  const none = sql<string | null>`null`;
  // The organization's row first, by its key: with `known` current, its test fails there, before any connector
  // is read (a test on a subquery would be made again for each connector row). CROSS JOIN: SQLite keeps that order.
  const cards = db
    .selectFrom('organizations as o')
    .crossJoin('connectors as ctr')
    .leftJoin('members as m', 'm.id', 'ctr.created_by')
    .select([sql<string>`'card'`.as('kind'), 'ctr.id as connector_id', 'ctr.revision as n', 'ctr.created_by as ref'])
    .select(['m.name as label', 'm.external_id as extra'])
    .where('o.id', '=', organizationId)
    .where(usableConnector(organizationId, allowed))
    .$if(known !== undefined, (query) => query.where('o.connectors_revision', '<>', known ?? -1))
    .$castTo<CardRow>()
    .unionAll(
      db
        .selectFrom('tenant_connection_counts')
        .select([sql<string>`'count'`.as('kind'), 'connector_id', 'connections as n', none.as('ref')])
        .select([none.as('label'), none.as('extra')])
        .where('organization_id', '=', organizationId)
        .where('tenant_id', '=', tenantId)
        .where('connections', '>', 0)
        .$castTo<CardRow>(),
    )
    .unionAll(
      db
        .selectFrom('connections')
        .select([sql<string>`'reauth'`.as('kind'), 'connector_id', sql<number | null>`null`.as('n'), 'id as ref'])
        .select(['label', none.as('extra')])
        .where('organization_id', '=', organizationId)
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'needs_reauth')
        .$castTo<CardRow>(),
    );
  if (known === undefined) return cards;
  return cards.unionAll(
    db
      .selectFrom('organizations')
      .select([sql<string>`'revision'`.as('kind'), sql<string>`''`.as('connector_id'), 'connectors_revision as n'])
      .select([none.as('ref'), none.as('label'), none.as('extra')])
      .where('id', '=', organizationId)
      .$castTo<CardRow>(),
  );
}

/** A tenant's connections of the connectors a session may use, each with its connector's slug. */
const tenantConnectionsQuery = (
  db: Db,
  organizationId: string,
  tenantId: string,
  allowed: readonly string[] | null,
  limit: number,
) =>
  connectionPageQuery(db, { organizationId, tenantId, limit })
    .innerJoin('connectors as ctr', 'ctr.id', 'c.connector_id')
    .select('ctr.slug as connector_slug')
    .where(usableConnector(organizationId, allowed));

/** What varies between two requests for admin pages of one filter shape. */
type AdminPageValues = {
  organizationId: string;
  tenantId: string;
  connectorId: string;
  status: string;
  cursor: string;
  limit: number;
};

/** A page of connections, each with its connector's slug and its sealed credentials. */
const adminPageQuery = (db: Db, filter: ConnectionFilter) =>
  connectionPageQuery(db, filter)
    .leftJoin('connectors as ctr', 'ctr.id', 'c.connector_id')
    .leftJoin('credentials as k', 'k.connection_id', 'c.id')
    .select(['ctr.slug as connector_slug', 'k.connection_id', 'k.masked'])
    // The sealed credentials only where no mask was stored with them (before migration 20): to be masked.
    .select([
      unmasked('k.key_id').as('key_id'),
      unmasked('k.nonce').as('nonce'),
      unmasked('k.ciphertext').as('ciphertext'),
    ]);

const unmasked = (column: string) => sql<unknown>`case when k.masked is null then ${sql.ref(column)} end`;

/** A connection's credentials as an admin page reads them. */
function listedCredentials(row: rows.Row): ListedCredentials | undefined {
  if (row.connection_id === null) return undefined;
  if (row.masked !== null) return { masked: rows.json<Record<string, string>>(row.masked) };
  return { sealed: rows.credentials(row) };
}

/** The {@link ListingStore} queries over one database handle. */
export function listingQueries(db: Db): ListingStore {
  // Sessions without a list of connectors, by far the most, and every filter of an admin page: compiled once each.
  const ownCards = compiledShape(db, { organizationId: '', tenantId: '', known: 0 }, (v) =>
    cardsQuery(db, v.organizationId, v.tenantId, null, v.known),
  );
  const ownTenantConnections = compiledShape(db, { organizationId: '', tenantId: '', limit: 0 }, (v) =>
    tenantConnectionsQuery(db, v.organizationId, v.tenantId, null, v.limit),
  );
  const adminPages = new Map<string, (values: AdminPageValues) => Promise<rows.Row[]>>();
  return {
    async listCardStates(organizationId, tenantId, allowedConnectors, knownRevision) {
      if (allowedConnectors === null) {
        // Revisions start at 0: -1 is known by no organization.
        return cardListing(await ownCards({ organizationId, tenantId, known: knownRevision ?? -1 }));
      }
      if (allowedConnectors.length === 0) return cardListing([]);
      return cardListing(await cardsQuery(db, organizationId, tenantId, allowedConnectors).execute());
    },
    async getConnectorSummaries(ids) {
      if (ids.length === 0) return [];
      const found = await db
        .selectFrom('connectors')
        .select(CONNECTOR_SUMMARY_COLUMNS)
        .where('id', 'in', [...ids])
        .execute();
      return found.map((row) => ({ ...rows.connectorSummary(row), revision: Number(row.revision) }));
    },
    async listTenantConnections(organizationId, tenantId, allowedConnectors, limit) {
      const found =
        allowedConnectors === null
          ? await ownTenantConnections({ organizationId, tenantId, limit })
          : allowedConnectors.length === 0
            ? []
            : await tenantConnectionsQuery(db, organizationId, tenantId, allowedConnectors, limit).execute();
      return found.map((row) => ({ connection: rows.connection(row), connectorSlug: rows.text(row.connector_slug) }));
    },
    async listConnectionsWithCredentials(filter) {
      const shape = `${filter.tenantId !== undefined}/${filter.connectorId !== undefined}/${filter.status !== undefined}`;
      let page = adminPages.get(shape);
      if (!page) {
        page = compiledShape(
          db,
          { organizationId: '', tenantId: '', connectorId: '', status: '', cursor: '', limit: 0 },
          (v) =>
            adminPageQuery(db, {
              organizationId: v.organizationId,
              tenantId: filter.tenantId === undefined ? undefined : v.tenantId,
              connectorId: filter.connectorId === undefined ? undefined : v.connectorId,
              status: filter.status === undefined ? undefined : (v.status as ConnectionFilter['status']),
              cursor: v.cursor,
              limit: v.limit,
            }),
        );
        adminPages.set(shape, page);
      }
      const { organizationId, tenantId = '', connectorId = '', status = '', cursor = '', limit } = filter;
      const found = await page({ organizationId, tenantId, connectorId, status, cursor, limit });
      return found.map((row) => ({
        connection: rows.connection(row),
        connectorSlug: rows.nullableText(row.connector_slug) ?? '',
        credentials: listedCredentials(row),
      }));
    },
  };
}
