import type {
  ApiKeyRecord,
  ConnectionRecord,
  ConnectorSummaryRecord,
  CredentialRecord,
  OrganizationRecord,
  SessionRecord,
} from './records.js';

/** A secret key with its organization. */
export interface ApiKeyAuthRecord {
  apiKey: ApiKeyRecord;
  organization: OrganizationRecord;
}

/** A connect session with its organization. */
export interface SessionAuthRecord {
  session: SessionRecord;
  organization: OrganizationRecord;
}

/** A connection with its encrypted credentials (none for a connection that has none). */
export interface ConnectionWithCredentials {
  connection: ConnectionRecord;
  credentials: CredentialRecord | undefined;
}

/**
 * What the busiest requests read, each in one query where the general methods would take two: every request made
 * with a secret key or a session token resolves its caller, and the credentials fetch reads a connection with its
 * credentials.
 */
export interface HotReadStore {
  /** The secret key with this hash, joined to its organization; revoked keys are gone. */
  findApiKeyAuth(hash: string): Promise<ApiKeyAuthRecord | undefined>;
  /** The connect session with this hash (expired or not: the caller checks), joined to its organization. */
  findSessionAuth(hash: string): Promise<SessionAuthRecord | undefined>;
  /** A connection and its credentials, in one query. */
  getConnectionWithCredentials(id: string): Promise<ConnectionWithCredentials | undefined>;
  /**
   * The connectors a connect session may use, without their actions, in one query: with `ids`, those of them the
   * organization owns or that are public; without, every connector the organization owns.
   */
  listUsableConnectors(organizationId: string, ids: readonly string[] | null): Promise<ConnectorSummaryRecord[]>;
  /** The slugs of these connectors, by id, in one query. */
  getConnectorSlugs(ids: readonly string[]): Promise<Map<string, string>>;
}
