import {
  connectionCreateSchema,
  connectionSchema,
  connectorCardSchema,
  ErrorCode,
  sessionInfoSchema,
} from '@plugboard/shared';
import { z } from 'zod';
import { route } from '../http/route.js';
import {
  createConnection,
  deleteConnection,
  findSessionConnection,
  listSessionConnections,
} from '../services/connections.js';
import { creatorsOf, presentCard, sessionConnectors } from '../services/connectors.js';
import type { ServiceDeps } from '../services/deps.js';
import type { TokenRefresher } from '../services/token-refresh.js';

/** Routes a connect session (the widget) uses: all scoped to the session's tenant. */
export const sessionRoutes = (deps: ServiceDeps, refresher: TokenRefresher) => [
  route({
    method: 'get',
    path: '/v1/session',
    tag: 'Session',
    summary: 'Describe the current connect session',
    operationId: 'getSession',
    description: 'The connect session of the token: its tenant, end user, allowed connectors and expiry.',
    auth: 'session',
    status: 200,
    response: sessionInfoSchema,
    handler: async ({ auth: { organization, session } }) => ({
      organization: { id: organization.id, name: organization.name },
      tenantId: session.tenantId,
      endUserId: session.endUserId,
      endUserName: session.endUserName,
      expiresAt: session.expiresAt,
    }),
  }),
  route({
    method: 'get',
    path: '/v1/session/connectors',
    tag: 'Session',
    summary: 'The connector cards this session may use, with its tenant’s connection counts',
    operationId: 'listSessionConnectors',
    description:
      "The connector cards the widget shows: the connectors this session may use, their public auth methods and the tenant's connections of each.",
    auth: 'session',
    status: 200,
    response: z.object({ data: z.array(connectorCardSchema) }),
    handler: async ({ auth }) => {
      const records = await sessionConnectors(deps, auth.session);
      const { organization, session } = auth;
      const counts = await deps.store.countConnections(organization.id, session.tenantId);
      const broken = await deps.store.listConnections({
        organizationId: organization.id,
        tenantId: session.tenantId,
        status: 'needs_reauth',
        limit: 1000,
      });
      const reauth = (connectorId: string) =>
        broken.filter((connection) => connection.connectorId === connectorId).map(({ id, label }) => ({ id, label }));
      const creators = await creatorsOf(deps, records);
      const cards = await Promise.all(
        records.map((record) =>
          presentCard(deps, record, session, counts.get(record.id) ?? 0, reauth(record.id), creators),
        ),
      );
      return { data: cards.sort((a, b) => a.name.localeCompare(b.name)) };
    },
  }),
  route({
    method: 'get',
    path: '/v1/session/connections',
    tag: 'Session',
    summary: 'The tenant’s connections of the connectors this session may use, without credentials',
    operationId: 'listSessionConnections',
    description: "The tenant's connections of the connectors this session may use; never credentials.",
    auth: 'session',
    status: 200,
    response: z.object({ data: z.array(connectionSchema) }),
    handler: async ({ auth }) => ({ data: await listSessionConnections(deps, auth) }),
  }),
  route({
    method: 'post',
    path: '/v1/session/connections',
    tag: 'Session',
    summary: 'Connect: create a connection for the tenant from the credentials the end user typed',
    operationId: 'createSessionConnection',
    description:
      'Creates a connection from the credentials the end user typed (API key, basic, custom handler fields); they are encrypted at once and never returned.',
    errors: [
      ErrorCode.NotFound,
      ErrorCode.AuthMethodNotSupported,
      ErrorCode.ProviderError,
      ErrorCode.RateLimited,
      ErrorCode.Forbidden,
    ],
    auth: 'session',
    status: 201,
    body: connectionCreateSchema,
    response: connectionSchema,
    handler: async ({ auth, body }) => createConnection(deps, auth, body),
  }),
  route({
    method: 'delete',
    path: '/v1/session/connections/{id}',
    tag: 'Session',
    summary: 'Remove one of the tenant’s connections of a connector this session may use',
    operationId: 'deleteSessionConnection',
    description: "Removes one of the tenant's connections of a connector this session may use.",
    errors: [ErrorCode.NotFound],
    auth: 'session',
    status: 204,
    handler: async ({ auth, params }) => {
      const record = await findSessionConnection(deps, auth, params.id ?? '');
      await refresher.revoke(record);
      await deleteConnection(deps, record);
    },
  }),
];
