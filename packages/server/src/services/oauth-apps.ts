import { ErrorCode, type OAuthApp, type oauthAppCreateSchema, type oauthAppUpdateSchema } from '@plugboard/shared';
import type { z } from 'zod';
import { sealAppSecret } from '../crypto/credential-cipher.js';
import { newId } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectorRecord, OAuthAppRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

const usesApp = (connector: ConnectorRecord, appId: string) =>
  connector.authMethods.some((method) => method.kind === 'oauth2' && method.managedAppId === appId);

/** The admin view of an app: which connectors use it, never its secret. */
export async function presentOAuthApps(
  deps: ServiceDeps,
  organizationId: string,
  apps: OAuthAppRecord[],
): Promise<OAuthApp[]> {
  const connectors = await deps.store.listConnectors(organizationId, 'own');
  return apps.map(({ id, provider, clientId, defaultScopes, createdAt, updatedAt }) => ({
    ...{ id, provider, clientId, defaultScopes, createdAt, updatedAt },
    usedBy: connectors
      .filter((connector) => usesApp(connector, id))
      .map((connector) => ({ id: connector.id, name: connector.name })),
  }));
}

/** An app of the organization. @throws ApiError 404 */
export async function findOAuthApp(deps: ServiceDeps, organizationId: string, id: string) {
  const app = await deps.store.getOAuthApp(id);
  if (!app || app.organizationId !== organizationId) throw ApiError.notFound(`OAuth app ${id}`);
  return app;
}

/** Registers a managed app; its secret is encrypted before it is stored. */
export async function createOAuthApp(
  deps: ServiceDeps,
  organizationId: string,
  input: z.output<typeof oauthAppCreateSchema>,
) {
  const id = newId('app');
  const now = deps.now().toISOString();
  const record: OAuthAppRecord = {
    id,
    organizationId,
    provider: input.provider,
    clientId: input.clientId,
    defaultScopes: input.defaultScopes,
    clientSecret: sealAppSecret(deps.keyring, organizationId, id, input.clientSecret),
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.putOAuthApp(record);
  return record;
}

/** Changes an app's client ID, secret or default scopes. */
export async function updateOAuthApp(
  deps: ServiceDeps,
  app: OAuthAppRecord,
  patch: z.output<typeof oauthAppUpdateSchema>,
) {
  const updated: OAuthAppRecord = {
    ...app,
    clientId: patch.clientId ?? app.clientId,
    defaultScopes: patch.defaultScopes ?? app.defaultScopes,
    clientSecret: patch.clientSecret
      ? sealAppSecret(deps.keyring, app.organizationId, app.id, patch.clientSecret)
      : app.clientSecret,
    updatedAt: deps.now().toISOString(),
  };
  await deps.store.putOAuthApp(updated);
  return updated;
}

/** Removes an app no connector uses. @throws ApiError 409 naming the connectors that still use it */
export async function deleteOAuthApp(deps: ServiceDeps, app: OAuthAppRecord) {
  const connectors = await deps.store.listConnectors(app.organizationId, 'own');
  const users = connectors.filter((connector) => usesApp(connector, app.id)).map((connector) => connector.name);
  if (users.length > 0) {
    throw new ApiError(409, ErrorCode.Conflict, `The app is used by ${users.join(', ')}; point them elsewhere first`);
  }
  await deps.store.deleteOAuthApp(app.id);
}
