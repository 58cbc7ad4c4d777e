import type { SealedCredentials } from '../crypto/credential-cipher.js';
import type { AgentStore } from './agent-store.js';
import type { CallLogStore } from './call-log-store.js';
import type { CallTargetStore } from './call-target-store.js';
import type { ConnectLinkStore } from './connect-link-store.js';
import type { EventStore } from './event-store.js';
import type { HotReadStore } from './hot-read-store.js';
import type { ListingStore } from './listing-store.js';
import type { McpTokenStore } from './mcp-token-store.js';
import type { QueryPlanStore } from './query-plan-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type {
  ActionTestRecord,
  ApiKeyRecord,
  ConnectionFilter,
  ConnectionRecord,
  ConnectorRecord,
  ConnectorScope,
  ConnectorSecretRecord,
  ConsoleSessionRecord,
  CredentialRecord,
  MemberLoginRecord,
  MemberRecord,
  OAuthAppRecord,
  OAuthFlowRecord,
  OrganizationRecord,
  SealedKind,
  SealedRecord,
  SessionRecord,
  TenantRecord,
} from './records.js';

export type * from './agent-store.js';
export type * from './call-log-store.js';
export type * from './call-target-store.js';
export type * from './connect-link-store.js';
export type * from './event-store.js';
export type * from './hot-read-store.js';
export type * from './listing-store.js';
export type * from './mcp-token-store.js';
export type * from './query-plan-store.js';
export type * from './rate-limit-store.js';
export type * from './records.js';

/**
 * Everything the services need from a database. Async throughout so that a networked database
 * (Postgres) can implement the same contract as the embedded SQLite default.
 */
/** How busy a store's connection pool is (Postgres); SQLite has one connection and reports nothing. */
export interface PoolStats {
  /** Connections open, idle or in use. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

export interface Store
  extends EventStore,
    AgentStore,
    RateLimitStore,
    ConnectLinkStore,
    McpTokenStore,
    QueryPlanStore,
    CallLogStore,
    HotReadStore,
    ListingStore,
    CallTargetStore {
  /** The connection pool's use now, for metrics; absent on engines without a pool. */
  poolStats?(): PoolStats;
  createOrganization(record: OrganizationRecord): Promise<void>;
  getOrganization(id: string): Promise<OrganizationRecord | undefined>;
  findOrganizationByName(name: string): Promise<OrganizationRecord | undefined>;
  updateOrganization(record: OrganizationRecord): Promise<void>;

  createMember(record: MemberRecord): Promise<void>;
  listMembers(organizationId: string): Promise<MemberRecord[]>;
  getMember(id: string): Promise<MemberRecord | undefined>;
  /** The members with these ids, of any organization, in one query (listings name each item's creator). */
  getMembers(ids: readonly string[]): Promise<MemberRecord[]>;
  /** Sets (or, with null, removes) a member's password hash; false when there is no such member. */
  setMemberPassword(memberId: string, passwordHash: string | null): Promise<boolean>;
  /** Members of any organization with this email (compared case-insensitively) who have a password. */
  findMemberLogins(email: string): Promise<MemberLoginRecord[]>;

  createConsoleSession(record: ConsoleSessionRecord): Promise<void>;
  findConsoleSessionByHash(hash: string): Promise<ConsoleSessionRecord | undefined>;
  deleteConsoleSession(id: string): Promise<boolean>;
  /** Ends every console session of a member (after a password change); returns how many ended. */
  deleteConsoleSessionsOfMember(memberId: string): Promise<number>;

  createApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(organizationId: string): Promise<ApiKeyRecord[]>;
  deleteApiKey(organizationId: string, id: string): Promise<boolean>;
  touchApiKey(id: string, at: string): Promise<void>;

  createConnector(record: ConnectorRecord): Promise<void>;
  updateConnector(record: ConnectorRecord): Promise<void>;
  /**
   * Deletes the connector with its connections and their credentials, through indexes on `connector_id` (no
   * scan of other connectors' rows); returns how many connections went.
   */
  deleteConnector(id: string): Promise<number>;
  getConnector(id: string): Promise<ConnectorRecord | undefined>;
  findConnectorBySlug(organizationId: string, slug: string): Promise<ConnectorRecord | undefined>;
  listConnectors(
    organizationId: string,
    scope: ConnectorScope,
    page?: { limit: number; cursor?: string | undefined },
  ): Promise<ConnectorRecord[]>;

  /** Stores (or replaces) the last test of a connector's action for one organization. */
  putActionTest(record: ActionTestRecord): Promise<void>;
  /** One organization's last tests of a connector's actions. */
  listActionTests(organizationId: string, connectorId: string): Promise<ActionTestRecord[]>;

  upsertTenant(organizationId: string, tenantId: string, at: string): Promise<void>;
  listTenants(organizationId: string, page: { limit: number; cursor?: string | undefined }): Promise<TenantRecord[]>;

  createSession(record: SessionRecord): Promise<void>;
  findSessionByHash(hash: string): Promise<SessionRecord | undefined>;

  /** Stores the connection and its encrypted credentials together, or neither. */
  createConnection(record: ConnectionRecord, credentials: CredentialRecord): Promise<void>;
  /**
   * Stores many connections with their credentials in one transaction, through multi-row inserts: all of
   * them or none. `createConnection` is the batch of one; the scale benchmark seeds with larger batches.
   */
  createConnections(batch: ReadonlyArray<{ record: ConnectionRecord; credentials: CredentialRecord }>): Promise<void>;
  getConnection(id: string): Promise<ConnectionRecord | undefined>;
  listConnections(filter: ConnectionFilter): Promise<ConnectionRecord[]>;
  /**
   * Connection counts per connector id: of one tenant, or of all the organization's tenants without one.
   * Read from counts kept in the transaction of every create and delete, so the cost does not grow with
   * the number of connections.
   */
  countConnections(organizationId: string, tenantId?: string): Promise<Map<string, number>>;
  deleteConnection(id: string): Promise<boolean>;
  getCredentials(connectionId: string): Promise<CredentialRecord | undefined>;

  /** Replaces a connection's encrypted credentials and its token expiry. */
  updateCredentials(credentials: CredentialRecord, tokenExpiresAt: string | null, at: string): Promise<void>;
  setConnectionStatus(id: string, status: ConnectionRecord['status'], at: string): Promise<void>;
  /** Active OAuth connections whose token expires before `before`. */
  listExpiringConnections(before: string, limit: number): Promise<ConnectionRecord[]>;
  /**
   * Takes the refresh lock of a connection until `until`, unless another holder has it and it has not
   * lapsed. Works across processes sharing the database (Postgres can use row or advisory locks).
   */
  tryLockRefresh(connectionId: string, holder: string, until: string, now: string): Promise<boolean>;
  unlockRefresh(connectionId: string, holder: string): Promise<void>;

  /** Stores (or replaces) the encrypted client secret of a connector's OAuth method. */
  putConnectorSecret(record: ConnectorSecretRecord): Promise<void>;
  getConnectorSecret(connectorId: string, authMethodId: string): Promise<ConnectorSecretRecord | undefined>;
  /** Drops secrets of methods the connector no longer has. */
  pruneConnectorSecrets(connectorId: string, keepAuthMethodIds: string[]): Promise<void>;

  createOAuthFlow(record: OAuthFlowRecord): Promise<void>;
  getOAuthFlow(id: string): Promise<OAuthFlowRecord | undefined>;
  /**
   * Marks the flow with this state hash consumed and returns it, exactly once: of concurrent callers
   * with one state, one gets the flow and the others get undefined.
   */
  consumeOAuthFlow(stateHash: string, at: string): Promise<OAuthFlowRecord | undefined>;
  /** Records the outcome of a pending flow; a flow that is already connected or failed keeps its first result. */
  finishOAuthFlow(
    id: string,
    outcome: { status: 'connected' | 'failed'; connectionId?: string; errorCode?: string; errorMessage?: string },
  ): Promise<void>;

  /** Creates or replaces a managed OAuth app. */
  putOAuthApp(record: OAuthAppRecord): Promise<void>;
  getOAuthApp(id: string): Promise<OAuthAppRecord | undefined>;
  listOAuthApps(organizationId: string): Promise<OAuthAppRecord[]>;
  deleteOAuthApp(id: string): Promise<boolean>;

  /**
   * Sealed secrets of one kind whose key id is not `keyId`, ordered by `id`, after `cursor`: what key
   * rotation still has to re-encrypt.
   */
  listSealedNotUnder(
    kind: SealedKind,
    keyId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<SealedRecord[]>;
  /**
   * Replaces a sealed secret with its re-encryption, only while it is still the one that was read (same
   * nonce): a refresh that wrote new credentials meanwhile wins. Returns whether it replaced it.
   */
  replaceSealed(record: SealedRecord, next: SealedCredentials): Promise<boolean>;

  /**
   * Runs `work` with a store whose calls all go through one transaction: committed when `work` resolves,
   * rolled back when it throws. Calls made inside it must use the store it is given.
   *
   * @example
   * ```ts
   * await store.transaction(async (tx) => {
   *   await tx.setConnectionStatus(id, 'revoked', at);
   *   await tx.unlockRefresh(id, holder);
   * });
   * ```
   */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;

  /**
   * Rejects when the database does not answer, or its schema is not the version this code migrates to (another
   * replica ran a newer release's migrations). For readiness checks.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}
