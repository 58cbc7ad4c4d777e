import {
  type AdminConnection,
  type Connection,
  type connectionCreateSchema,
  credentialInputSchemas,
  ErrorCode,
  isFormAuthKind,
} from '@plugboard/shared';
import type { z } from 'zod';
import { type CredentialOwner, openCredentials, sealCredentials } from '../crypto/credential-cipher.js';
import { maskCredentials } from '../crypto/mask.js';
import { newId } from '../crypto/tokens.js';
import { connectCustom } from '../custom-auth/connect-custom.js';
import { ApiError } from '../http/api-error.js';
import type { SessionAuth } from '../http/auth.js';
import { parseWith } from '../http/validation.js';
import type {
  ConnectionFilter,
  ConnectionRecord,
  ConnectionWithCredentials,
  CredentialRecord,
  ListedConnection,
  ListedCredentials,
} from '../storage/store.js';
import { checkVariableValues } from './connection-variables.js';
import { pickAuthMethod, sessionConnectors } from './connectors.js';
import type { ServiceDeps } from './deps.js';
import { emitConnectionEvent } from './events.js';
import { presentConnection } from './presenters.js';

const owner = (record: ConnectionRecord): CredentialOwner => ({
  organizationId: record.organizationId,
  tenantId: record.tenantId,
  connectionId: record.id,
});

/**
 * A connection's credentials as the store keeps them: sealed to the connection, with the mask admin views show
 * (not secret: see crypto/mask.ts), computed now, while the values are in hand.
 */
export function credentialsToStore(
  deps: ServiceDeps,
  record: ConnectionRecord,
  values: Record<string, string>,
): CredentialRecord {
  const sealed = sealCredentials(deps.keyring, owner(record), values);
  return { connectionId: record.id, ...sealed, masked: maskCredentials(record.authKind, values) };
}

/** Decrypts a connection's stored credentials; empty when it has none. */
export async function openConnectionCredentials(deps: ServiceDeps, record: ConnectionRecord) {
  const sealed = await deps.store.getCredentials(record.id);
  return sealed ? openCredentials(deps.keyring, owner(record), sealed) : {};
}

/** Finds a connector the session may use by id or slug. @throws ApiError 404 */
export async function sessionConnector(deps: ServiceDeps, auth: SessionAuth, idOrSlug: string) {
  const usable = await sessionConnectors(deps, auth.session);
  const record = usable.find((candidate) => candidate.id === idOrSlug || candidate.slug === idOrSlug);
  if (!record) throw ApiError.notFound(`Connector ${idOrSlug}`);
  return record;
}

/**
 * Creates a connection for the session's tenant from credentials an end user typed.
 * The credentials are checked against the auth method's own schema and stored encrypted.
 */
export async function createConnection(
  deps: ServiceDeps,
  auth: SessionAuth,
  input: z.output<typeof connectionCreateSchema>,
): Promise<Connection> {
  const connector = await sessionConnector(deps, auth, input.connector);
  const method = pickAuthMethod(connector, input.authMethodId);
  const variables = await checkVariableValues(deps, connector, method, input.variables);
  let credentials: Record<string, string>;
  if (method.kind === 'custom') credentials = await connectCustom(deps, method.handler, input.credentials);
  else if (isFormAuthKind(method.kind)) {
    credentials = parseWith(credentialInputSchemas[method.kind], input.credentials, 'credentials');
  } else {
    throw new ApiError(
      400,
      ErrorCode.AuthMethodNotSupported,
      `${method.label ?? 'OAuth 2.0'} connects through the provider's sign-in page: start an OAuth flow instead`,
    );
  }
  const existing = await deps.store.countConnections(auth.organization.id, auth.session.tenantId);
  const count = existing.get(connector.id) ?? 0;
  const now = deps.now().toISOString();
  const record: ConnectionRecord = {
    id: newId('cxn'),
    organizationId: auth.organization.id,
    tenantId: auth.session.tenantId,
    connectorId: connector.id,
    authMethodId: method.id,
    authKind: method.kind,
    label: input.label ?? (count === 0 ? connector.name : `${connector.name} ${count + 1}`),
    status: 'active',
    createdBy: auth.session.endUserId,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: null,
    variables,
  };
  await deps.store.createConnection(record, credentialsToStore(deps, record, credentials));
  deps.logger.info({ event: 'connection.created', connectionId: record.id, connectorId: connector.id });
  await emitConnectionEvent(deps, 'connection.created', record);
  return presentConnection(record, connector.slug);
}

/**
 * The session tenant's connections of the connectors the session may use, oldest first: a session restricted
 * with `allowedConnectors` sees none of the tenant's other connections, so its list agrees with its cards.
 */
export async function listSessionConnections(deps: ServiceDeps, auth: SessionAuth): Promise<Connection[]> {
  const { organization, session } = auth;
  const listed = await deps.store.listTenantConnections(
    organization.id,
    session.tenantId,
    session.allowedConnectors,
    1000,
  );
  return listed.map(({ connection, connectorSlug }) => presentConnection(connection, connectorSlug));
}

/**
 * Finds a connection a session may reach: of its tenant, and of a connector the session may use. To a
 * restricted session the tenant's other connections do not exist. @throws ApiError 404
 */
export async function findSessionConnection(deps: ServiceDeps, auth: SessionAuth, id: string) {
  const record = await findConnection(deps, auth.organization.id, id, auth.session.tenantId);
  const usable = await sessionConnectors(deps, auth.session);
  if (!usable.some((connector) => connector.id === record.connectorId)) throw ApiError.notFound(`Connection ${id}`);
  return record;
}

/** Finds a connection of one organization (and tenant, when given). @throws ApiError 404 */
export async function findConnection(deps: ServiceDeps, organizationId: string, id: string, tenantId?: string) {
  const record = await deps.store.getConnection(id);
  if (!record || record.organizationId !== organizationId || (tenantId !== undefined && record.tenantId !== tenantId)) {
    throw ApiError.notFound(`Connection ${id}`);
  }
  return record;
}

/**
 * Finds a connection of one organization with its decrypted credentials, in one query: the credentials fetch
 * reads nothing else. @throws ApiError 404
 */
export async function findConnectionWithCredentials(deps: ServiceDeps, organizationId: string, id: string) {
  const found = await deps.store.getConnectionWithCredentials(id);
  if (!found || found.connection.organizationId !== organizationId) throw ApiError.notFound(`Connection ${id}`);
  return openConnection(deps, found);
}

/** A connection as read with its encrypted credentials, the credentials decrypted. */
export function openConnection(deps: ServiceDeps, { connection, credentials }: ConnectionWithCredentials) {
  return {
    record: connection,
    values: credentials ? openCredentials(deps.keyring, owner(connection), credentials) : {},
  };
}

/** Deletes a connection and its credentials. */
export async function deleteConnection(deps: ServiceDeps, record: ConnectionRecord) {
  await deps.store.deleteConnection(record.id);
  deps.logger.info({ event: 'connection.deleted', connectionId: record.id });
  await emitConnectionEvent(deps, 'connection.deleted', record);
}

/**
 * A connection in admin views, credentials masked: by the mask stored with them, else (credentials written before
 * masks were stored) decrypted only to be masked, and dropped at once.
 */
function presentAdminConnection(
  deps: ServiceDeps,
  { connection, connectorSlug, credentials }: ListedConnection & { credentials: ListedCredentials | undefined },
): AdminConnection {
  const values =
    credentials && 'sealed' in credentials ? openCredentials(deps.keyring, owner(connection), credentials.sealed) : {};
  const maskedCredentials =
    credentials && 'masked' in credentials ? credentials.masked : maskCredentials(connection.authKind, values);
  return { ...presentConnection(connection, connectorSlug), maskedCredentials };
}

/** A page of an organization's connections in the admin view, credentials masked, in one query. */
export async function listAdminConnections(deps: ServiceDeps, filter: ConnectionFilter): Promise<AdminConnection[]> {
  const listed = await deps.store.listConnectionsWithCredentials(filter);
  return listed.map((found) => presentAdminConnection(deps, found));
}

/** One connection in the admin view, credentials masked. @throws ApiError 404 */
export async function findAdminConnection(deps: ServiceDeps, organizationId: string, id: string) {
  const found = await deps.store.getConnectionWithCredentials(id);
  if (!found || found.connection.organizationId !== organizationId) throw ApiError.notFound(`Connection ${id}`);
  const slugs = await deps.store.getConnectorSlugs([found.connection.connectorId]);
  const credentials = found.credentials && { sealed: found.credentials };
  return presentAdminConnection(deps, {
    connection: found.connection,
    connectorSlug: slugs.get(found.connection.connectorId) ?? '',
    credentials,
  });
}
