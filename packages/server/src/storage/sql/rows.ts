// Maps rows of either engine (snake_case) to records. Columns are picked one by one: a driver may add
// bookkeeping properties to row objects that must not leak into records.
import type { ActionDefinition, AuthMethod } from '@plugboard/shared';
import type { ConnectorVariable } from '@plugboard/shared/types';
import type {
  ActionTestRecord,
  ApiKeyRecord,
  ConnectionRecord,
  ConnectorRecord,
  ConnectorSecretRecord,
  ConnectorSummaryRecord,
  ConsoleSessionRecord,
  CredentialRecord,
  EndUserGrantRecord,
  MemberRecord,
  OAuthAppRecord,
  OAuthFlowRecord,
  OrganizationRecord,
  SealedKind,
  SealedRecord,
  SessionRecord,
  TenantRecord,
} from '../store.js';

/** A row of any table, as a driver returns it. */
export type Row = Record<string, unknown>;

export const text = (value: unknown) => String(value);
export const nullableText = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * A JSON column's value: Postgres (jsonb) hands it over parsed, SQLite as JSON text. Every JSON column holds
 * an array or an object, so a string is always the text form.
 */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A nullable JSON column. */
export const nullableJson = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : json<T>(value);

/** A bytes column: a Buffer from pg, an ArrayBuffer or Uint8Array from libsql. */
export const bytes = (value: unknown): Buffer =>
  Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : (value as Uint8Array));

/** A sealed secret's three columns. */
export const sealed = (row: Row) => ({
  keyId: text(row.key_id),
  nonce: bytes(row.nonce),
  ciphertext: bytes(row.ciphertext),
});

/** JSON text for a nullable list column. */
export const jsonOrNull = (value: unknown[] | null) => (value === null ? null : JSON.stringify(value));

export function organization(row: Row | undefined): OrganizationRecord | undefined {
  if (!row) return undefined;
  return {
    id: text(row.id),
    name: text(row.name),
    allowedOrigins: json<string[]>(row.allowed_origins),
    createdAt: text(row.created_at),
  };
}

export const member = (row: Row): MemberRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  email: text(row.email),
  name: text(row.name),
  externalId: nullableText(row.external_id),
  createdAt: text(row.created_at),
});

export const apiKey = (row: Row): ApiKeyRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  name: text(row.name),
  prefix: text(row.prefix),
  hash: text(row.hash),
  createdAt: text(row.created_at),
  lastUsedAt: nullableText(row.last_used_at),
});

/** PKCE is always on; connectors saved while it could be turned off may still say `pkce: false`. */
const alwaysPkce = (method: AuthMethod): AuthMethod => (method.kind === 'oauth2' ? { ...method, pkce: true } : method);

export const connectorSummary = (row: Row): ConnectorSummaryRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  slug: text(row.slug),
  name: text(row.name),
  description: text(row.description),
  domain: nullableText(row.domain),
  visibility: text(row.visibility) as ConnectorRecord['visibility'],
  iconUrl: nullableText(row.icon_url),
  authMethods: json<AuthMethod[]>(row.auth_methods).map(alwaysPkce),
  apiBaseUrl: nullableText(row.api_base_url),
  variables: json<ConnectorVariable[]>(row.variables ?? '[]'),
  createdBy: text(row.created_by),
  createdAt: text(row.created_at),
  updatedAt: text(row.updated_at),
});

export const connector = (row: Row): ConnectorRecord => ({
  ...connectorSummary(row),
  actions: json<ActionDefinition[]>(row.actions ?? '[]'),
});

export const tenant = (row: Row): TenantRecord => ({
  organizationId: text(row.organization_id),
  id: text(row.id),
  connectionCount: Number(row.connection_count ?? 0),
  createdAt: text(row.created_at),
});

/** The fields every end-user grant shares (connect sessions, connect links, MCP tokens), read from its row. */
export const endUserGrant = (row: Row): EndUserGrantRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  tenantId: text(row.tenant_id),
  endUserId: text(row.end_user_id),
  endUserName: nullableText(row.end_user_name),
  tokenHash: text(row.token_hash),
});

/** The columns of those shared fields, for an insert. */
export const endUserGrantColumns = (grant: EndUserGrantRecord) => ({
  id: grant.id,
  organization_id: grant.organizationId,
  tenant_id: grant.tenantId,
  end_user_id: grant.endUserId,
  end_user_name: grant.endUserName,
  token_hash: grant.tokenHash,
});

export const session = (row: Row): SessionRecord => ({
  ...endUserGrant(row),
  allowedConnectors: nullableJson<string[]>(row.allowed_connectors),
  allowedOrigins: row.allowed_origins ? json<string[]>(row.allowed_origins) : null,
  expiresAt: text(row.expires_at),
  createdAt: text(row.created_at),
  memberId: nullableText(row.member_id),
});

export const consoleSession = (row: Row): ConsoleSessionRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  memberId: text(row.member_id),
  tokenHash: text(row.token_hash),
  csrfToken: text(row.csrf_token),
  expiresAt: text(row.expires_at),
  createdAt: text(row.created_at),
});

export const connection = (row: Row): ConnectionRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  tenantId: text(row.tenant_id),
  connectorId: text(row.connector_id),
  authMethodId: text(row.auth_method_id),
  authKind: text(row.auth_kind) as ConnectionRecord['authKind'],
  label: text(row.label),
  status: text(row.status) as ConnectionRecord['status'],
  createdBy: text(row.created_by),
  createdAt: text(row.created_at),
  updatedAt: text(row.updated_at),
  lastUsedAt: nullableText(row.last_used_at),
  tokenExpiresAt: nullableText(row.token_expires_at),
  variables: json<Record<string, string>>(row.variables ?? '{}'),
});

export const credentials = (row: Row): CredentialRecord => ({
  connectionId: text(row.connection_id),
  ...sealed(row),
});

export const connectorSecret = (row: Row): ConnectorSecretRecord => ({
  connectorId: text(row.connector_id),
  authMethodId: text(row.auth_method_id),
  ...sealed(row),
});

export const oauthFlow = (row: Row): OAuthFlowRecord => ({
  id: text(row.id),
  stateHash: text(row.state_hash),
  organizationId: text(row.organization_id),
  tenantId: text(row.tenant_id),
  endUserId: text(row.end_user_id),
  connectorId: text(row.connector_id),
  authMethodId: text(row.auth_method_id),
  codeVerifier: nullableText(row.code_verifier),
  redirectUri: text(row.redirect_uri),
  returnOrigin: nullableText(row.return_origin),
  returnTo: nullableText(row.return_to),
  reconnectConnectionId: nullableText(row.reconnect_connection_id),
  label: nullableText(row.label),
  variables: json<Record<string, string>>(row.variables ?? '{}'),
  status: text(row.status) as OAuthFlowRecord['status'],
  connectionId: nullableText(row.connection_id),
  errorCode: nullableText(row.error_code),
  errorMessage: nullableText(row.error_message),
  expiresAt: text(row.expires_at),
  createdAt: text(row.created_at),
  consumedAt: nullableText(row.consumed_at),
});

export const oauthApp = (row: Row): OAuthAppRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  provider: text(row.provider),
  clientId: text(row.client_id),
  defaultScopes: json<string[]>(row.default_scopes),
  clientSecret: sealed(row),
  createdAt: text(row.created_at),
  updatedAt: text(row.updated_at),
});

export const sealedRecord = (kind: SealedKind, row: Row): SealedRecord => {
  const base = {
    id: text(row.id),
    organizationId: text(row.organization_id),
    sealed: sealed(row),
  };
  if (kind === 'credentials')
    return { ...base, kind, tenantId: text(row.tenant_id), connectionId: text(row.connection_id) };
  if (kind === 'connector-secret')
    return { ...base, kind, connectorId: text(row.connector_id), authMethodId: text(row.auth_method_id) };
  if (kind === 'webhook-endpoint-secret') return { ...base, kind, endpointId: text(row.id) };
  if (kind === 'inbound-secrets')
    return { ...base, kind, tenantId: text(row.tenant_id), connectionId: text(row.connection_id) };
  return { ...base, kind, appId: text(row.id) };
};

export const actionTest = (row: Row): ActionTestRecord => ({
  organizationId: text(row.organization_id),
  connectorId: text(row.connector_id),
  actionKey: text(row.action_key),
  passed: Boolean(row.passed),
  status: Number(row.status),
  latencyMs: Number(row.latency_ms),
  at: text(row.at),
});
