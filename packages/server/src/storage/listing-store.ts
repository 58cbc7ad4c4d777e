import type { ConnectionFilter, ConnectionRecord, ConnectorSummaryRecord, CredentialRecord } from './records.js';

/** A connector's summary with the revision it was read at: anything built from it holds while the revision does. */
export type RevisedConnectorSummary = ConnectorSummaryRecord & { revision: number };

/**
 * What a session's card of one connector needs besides the connector's own columns, read per request: its
 * revision (whether a card built earlier still holds), its creator, and the tenant's use of it.
 */
export interface CardState {
  connectorId: string;
  revision: number;
  createdBy: string;
  /** The creator's name and external id; null when the member is gone. */
  creator: { name: string; externalId: string | null } | null;
  connectionCount: number;
  /** The tenant's connections of this connector the provider stopped accepting, in id order. */
  needsReauth: Array<{ id: string; label: string }>;
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
   * The state of every card a session may use (see `listUsableConnectors` for which), in no set order.
   * `allowedConnectors` null means every connector the organization owns.
   */
  listCardStates(
    organizationId: string,
    tenantId: string,
    allowedConnectors: readonly string[] | null,
  ): Promise<CardState[]>;
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
