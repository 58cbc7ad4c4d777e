import type { ActionDefinition, AuthKind, AuthMethod, ConnectionStatus, Visibility } from '@plugboard/shared';
import type { ConnectorVariable } from '@plugboard/shared/types';
import type { SealedCredentials } from '../crypto/credential-cipher.js';

/** Timestamps are ISO 8601 strings throughout storage. */
type Timestamp = string;

export interface OrganizationRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  createdAt: Timestamp;
}

export interface MemberRecord {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  externalId: string | null;
  createdAt: Timestamp;
}

/** A member who may sign in to the console, with the scrypt hash of their password. */
export interface MemberLoginRecord {
  member: MemberRecord;
  passwordHash: string;
}

/** A signed-in console member. Only the hash of the cookie's token is stored. */
export interface ConsoleSessionRecord {
  id: string;
  organizationId: string;
  memberId: string;
  tokenHash: string;
  /** Sent back as `x-plugboard-csrf` on requests that change something; not a credential on its own. */
  csrfToken: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

export interface ApiKeyRecord {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  hash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

export interface ConnectorRecord {
  id: string;
  organizationId: string;
  slug: string;
  name: string;
  description: string;
  domain: string | null;
  visibility: Visibility;
  iconUrl: string | null;
  authMethods: AuthMethod[];
  /** Where actions are sent; null to derive it from the domain. */
  apiBaseUrl: string | null;
  /** What each end user gives when connecting, used as `{name}` in the base URL and OAuth URLs; none when absent. */
  variables?: ConnectorVariable[];
  actions: ActionDefinition[];
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A connector without its actions: what cards and listings show, read without the largest column. */
export type ConnectorSummaryRecord = Omit<ConnectorRecord, 'actions'>;

export interface TenantRecord {
  organizationId: string;
  id: string;
  connectionCount: number;
  createdAt: Timestamp;
}

/**
 * What every token handed out for one end user of one tenant stores (connect sessions, MCP tokens, connect
 * links): who it is for, and only the hash of the token.
 */
export interface EndUserGrantRecord {
  id: string;
  organizationId: string;
  tenantId: string;
  endUserId: string;
  endUserName: string | null;
  tokenHash: string;
}

export interface SessionRecord extends EndUserGrantRecord {
  /** Resolved connector ids, or null for all of the organization's. */
  allowedConnectors: string[] | null;
  allowedOrigins: string[] | null;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  /** The console member a test session was minted for; null for sessions minted by the vendor's backend. */
  memberId?: string | null;
}

export interface ConnectionRecord {
  id: string;
  organizationId: string;
  tenantId: string;
  connectorId: string;
  authMethodId: string;
  authKind: AuthKind;
  label: string;
  status: ConnectionStatus;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  lastUsedAt: Timestamp | null;
  /** When the OAuth access token expires, if known: not a secret, so the refresher can find what is due. */
  tokenExpiresAt?: Timestamp | null;
  /** The values its end user gave the connector's variables; none when absent. */
  variables?: Record<string, string>;
}

/**
 * A connection's sealed credentials. `masked` is what admin views show of them (crypto/mask.ts: nothing secret),
 * kept beside them so that a listing need not decrypt; written with every new ciphertext, or null, which makes
 * readers decrypt to mask. Reads of the credentials themselves leave it out.
 */
export type CredentialRecord = SealedCredentials & {
  connectionId: string;
  masked?: Record<string, string> | undefined;
};

/** Which connectors a listing covers, seen from one organization. */
export type ConnectorScope = 'own' | 'public' | 'all';

export interface ConnectionFilter {
  organizationId: string;
  tenantId?: string | undefined;
  connectorId?: string | undefined;
  status?: ConnectionStatus | undefined;
  limit: number;
  /** Id of the last item of the previous page. */
  cursor?: string | undefined;
}

/** An OAuth client secret of one connector auth method, encrypted. */
export type ConnectorSecretRecord = SealedCredentials & { connectorId: string; authMethodId: string };

/** One OAuth 2.0 authorization in progress, keyed by the hash of its `state`. */
export interface OAuthFlowRecord {
  id: string;
  stateHash: string;
  organizationId: string;
  tenantId: string;
  endUserId: string;
  connectorId: string;
  authMethodId: string;
  /** The PKCE verifier; it never leaves the server. */
  codeVerifier: string | null;
  redirectUri: string;
  /** The embedding page's origin: the only one the callback page posts its result to. */
  returnOrigin: string | null;
  /** Redirect mode: where the callback sends the browser back to. */
  returnTo?: string | null;
  /** Reconnect: the existing connection whose credentials this flow replaces. */
  reconnectConnectionId?: string | null;
  label: string | null;
  /** The values given for the connector's variables, filled into its token URL at the exchange. */
  variables?: Record<string, string>;
  status: 'pending' | 'connected' | 'failed';
  connectionId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  consumedAt: Timestamp | null;
}

/** A managed OAuth app of an organization; its client secret is sealed. */
export interface OAuthAppRecord {
  id: string;
  organizationId: string;
  provider: string;
  clientId: string;
  defaultScopes: string[];
  clientSecret: SealedCredentials;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The kinds of sealed secrets: connection credentials, connectors' OAuth client secrets, managed apps' secrets. */
export type SealedKind =
  | 'credentials'
  | 'connector-secret'
  | 'oauth-app-secret'
  | 'webhook-endpoint-secret'
  | 'inbound-secrets';

/**
 * A sealed secret with the ids its ciphertext is bound to, as key rotation reads it. `id` orders and pages
 * the records of one kind.
 */
export type SealedRecord = { id: string; organizationId: string; sealed: SealedCredentials } & (
  | { kind: 'credentials'; tenantId: string; connectionId: string }
  | { kind: 'connector-secret'; connectorId: string; authMethodId: string }
  | { kind: 'oauth-app-secret'; appId: string }
  | { kind: 'webhook-endpoint-secret'; endpointId: string }
  | { kind: 'inbound-secrets'; tenantId: string; connectionId: string }
);

/** The last test of one action of a connector, as one organization ran it. */
export interface ActionTestRecord {
  organizationId: string;
  connectorId: string;
  actionKey: string;
  passed: boolean;
  status: number;
  latencyMs: number;
  at: Timestamp;
}
