import type { ConnectionFilter, ConnectionRecord, ConnectorSummaryRecord, CredentialRecord } from './records.js';

/** A connector's summary with the revision it was read at: anything built from it holds while the revision does. */
export type RevisedConnectorSummary = ConnectorSummaryRecord & { revision: number };

/**
 * What a session's card of one connector needs besides the connector's own columns: its revision (whether a card
 * built earlier still holds) and its creator.
 */
export interface CardState {
  connectorId: string;
  revision: number;
  createdBy: string;
  /** The creator's name and external id; null when the member is gone. */
  creator: { name: string; externalId: string | null } | null;
}

/** A session's cards as one query reads them, with its tenant's use of them. */
export interface CardListing {
  /**
   * The organization's connectors revision the rows were read at, for a session without a list of connectors;
   * null for one with a list (its cards may be other organizations' public connectors: checked per row).
   */
  revision: number | null;
  /** The state of every card, in no set order; none when the caller's known revision is current. */
  cards: CardState[];
  /** The tenant's connections by connector id, for connectors it has any of. */
  connectionCounts: Map<string, number>;
  /** The tenant's connections the provider stopped accepting, by connector id, each list in id order. */
  needsReauth: Map<string, Array<{ id: string; label: string }>>;
}

/** A connection with the slug of its connector, as listings show it. */
export interface ListedConnection {
  connection: ConnectionRecord;
  connectorSlug: string;
}

/**
 * What an admin listing reads of a connection's credentials: the mask stored with them, or, for credentials
 * written before masks were stored, the sealed credentials to mask.
 */
export type ListedCredentials = { masked: Record<string, string> } | { sealed: CredentialRecord };

/** The listings a page load asks for, each in one query whatever its length. */
export interface ListingStore {
  /**
   * The cards a session may use (see `listUsableConnectors` for which) and its tenant's use of them.
   * `allowedConnectors` null means every connector the organization owns; then `knownRevision`, the revision of
   * a listing the caller keeps, leaves the cards out when it is still the organization's.
   */
  listCardStates(
    organizationId: string,
    tenantId: string,
    allowedConnectors: readonly string[] | null,
    knownRevision: number | null,
  ): Promise<CardListing>;
  /** These connectors' summaries (without actions) with their revisions. */
  getConnectorSummaries(ids: readonly string[]): Promise<RevisedConnectorSummary[]>;
  /** A tenant's connections (at most `limit`, in id order) of the connectors a session may use, with their slugs. */
  listTenantConnections(
    organizationId: string,
    tenantId: string,
    allowedConnectors: readonly string[] | null,
    limit: number,
  ): Promise<ListedConnection[]>;
  /** A page of connections as {@link ConnectionFilter} selects them, each with its slug and credentials' mask. */
  listConnectionsWithCredentials(
    filter: ConnectionFilter,
  ): Promise<Array<ListedConnection & { credentials: ListedCredentials | undefined }>>;
}
