import {
  adminConnectionSchema,
  connectionCredentialsSchema,
  connectionListQuerySchema,
  connectionTestSchema,
  connectSessionCreateSchema,
  connectSessionSchema,
  ErrorCode,
  pageSchema,
} from '@plugboard/shared';
import { route } from '../http/route.js';
import { testConnection } from '../services/connection-test.js';
import {
  deleteConnection,
  findAdminConnection,
  findConnection,
  listAdminConnections,
} from '../services/connections.js';
import { findVisibleConnector } from '../services/connectors.js';
import type { ServiceDeps } from '../services/deps.js';
import { createConnectSession } from '../services/sessions.js';
import type { TokenRefresher } from '../services/token-refresh.js';
import { nextPage } from './paging.js';

/** Admin routes of connections and connect sessions. */
export const connectionRoutes = (deps: ServiceDeps, refresher: TokenRefresher) => [
  route({
    method: 'get',
    path: '/v1/connections',
    tag: 'Connections',
    summary: 'List connections across tenants, credentials masked',
    operationId: 'listConnections',
    description:
      'Connections across tenants, filtered by tenant, connector or status, in pages; credentials are masked.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    query: connectionListQuerySchema,
    response: pageSchema(adminConnectionSchema),
    handler: async ({ auth, query }) => {
      const connectorId = query.connector
        ? (await findVisibleConnector(deps, auth.organization.id, query.connector)).id
        : undefined;
      const connections = await listAdminConnections(deps, {
        ...query,
        connectorId,
        organizationId: auth.organization.id,
        limit: query.limit + 1,
      });
      return nextPage(connections, query.limit);
    },
  }),
  route({
    method: 'get',
    path: '/v1/connections/{id}',
    tag: 'Connections',
    summary: 'Get a connection, credentials masked',
    operationId: 'getConnection',
    description: 'One connection with its status and masked credentials.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    response: adminConnectionSchema,
    handler: async ({ auth, params }) => findAdminConnection(deps, auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'get',
    path: '/v1/connections/{id}/credentials',
    tag: 'Connections',
    summary: 'Usable credentials for your backend; OAuth 2.0 tokens are refreshed first when they are due',
    operationId: 'getConnectionCredentials',
    description:
      "The connection's credentials in clear, for your backend to call the API itself; OAuth 2.0 tokens are refreshed first when due. Secret key only; the answer is `Cache-Control: no-store`.",
    errors: [
      ErrorCode.NotFound,
      ErrorCode.NeedsReauth,
      ErrorCode.RefreshFailed,
      { status: 502, code: ErrorCode.EgressBlocked },
    ],
    auth: 'secretKey',
    status: 200,
    response: connectionCredentialsSchema,
    handler: async ({ c, auth, params }) => {
      c.header('Cache-Control', 'no-store');
      return refresher.credentialsFor(auth.organization.id, params.id ?? '');
    },
  }),
  route({
    method: 'post',
    path: '/v1/connections/{id}/test',
    tag: 'Connections',
    summary: 'Check that the credentials still work, where the connector defines how (OAuth 2.0, custom handlers)',
    operationId: 'testConnection',
    description:
      "Checks the credentials with the connector's verify action, its OAuth 2.0 token or its custom handler, and records the outcome on the connection.",
    errors: [ErrorCode.NotFound, { status: 502, code: ErrorCode.EgressBlocked }],
    auth: 'admin',
    status: 200,
    response: connectionTestSchema,
    handler: async ({ auth, params }) => testConnection(deps, refresher, auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'delete',
    path: '/v1/connections/{id}',
    tag: 'Connections',
    summary: 'Delete a connection and its credentials',
    operationId: 'deleteConnection',
    description:
      'Deletes a connection and its credentials; OAuth 2.0 tokens are revoked at the provider first where it offers revocation.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => {
      const record = await findConnection(deps, auth.organization.id, params.id ?? '');
      await refresher.revoke(record);
      await deleteConnection(deps, record);
    },
  }),
  route({
    method: 'post',
    path: '/v1/connect-sessions',
    tag: 'Connect sessions',
    summary: 'Mint a connect session for one tenant and end user; hand its token to the widget',
    operationId: 'createConnectSession',
    description:
      'Mints a connect session for one tenant and end user, optionally limited to some connectors; hand its token to the widget. Only a hash of the token is stored; it expires (30 minutes by default).',
    errors: [ErrorCode.RateLimited],
    auth: 'admin',
    status: 201,
    body: connectSessionCreateSchema,
    response: connectSessionSchema,
    handler: async ({ auth, body }) => createConnectSession(deps, auth.organization, body),
  }),
];
