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
import type { ConnectionFilter, ConnectionRecord, ConnectionWithCredentials } from '../storage/store.js';
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
  const sealed = sealCredentials(deps.keyring, owner(record), credentials);
  await deps.store.createConnection(record, { connectionId: record.id, ...sealed });
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
  const records = await deps.store.listConnections({
    organizationId: organization.id,
    tenantId: session.tenantId,
    limit: 1000,
  });
  // Only the connectors these connections are of, not every connector the session may use.
  const allowed = session.allowedConnectors && new Set(session.allowedConnectors);
  const ids = [...new Set(records.map((record) => record.connectorId))].filter((id) => !allowed || allowed.has(id));
  const usable = await deps.store.listUsableConnectors(organization.id, ids);
  const slugs = new Map(
    usable
      // Without a list of its own a session uses its organization's connectors only, not others' public ones.
      .filter((connector) => allowed || connector.organizationId === organization.id)
      .map((connector) => [connector.id, connector.slug]),
  );
  return records.flatMap((record) => {
    const slug = slugs.get(record.connectorId);
    return slug === undefined ? [] : [presentConnection(record, slug)];
  });
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

/** The admin view of connections: credentials decrypted only to be masked. */
export async function presentAdminConnections(
  deps: ServiceDeps,
  records: ConnectionRecord[],
): Promise<AdminConnection[]> {
  // Two queries whatever the page's length: its connectors' slugs, and its credentials.
  const slugs = await deps.store.getConnectorSlugs([...new Set(records.map((record) => record.connectorId))]);
  const sealed = new Map(
    (await deps.store.getCredentialsOf(records.map((record) => record.id))).map((found) => [found.connectionId, found]),
  );
  return records.map((record) => {
    const credentials = sealed.get(record.id);
    const values = credentials ? openCredentials(deps.keyring, owner(record), credentials) : {};
    return {
      ...presentConnection(record, slugs.get(record.connectorId) ?? ''),
      maskedCredentials: maskCredentials(record.authKind, values),
    };
  });
}

/** Lists an organization's connections in pages. */
export function listConnections(deps: ServiceDeps, filter: ConnectionFilter) {
  return deps.store.listConnections(filter);
}
