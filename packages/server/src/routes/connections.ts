import {
  adminConnectionSchema,
  connectionCredentialsSchema,
  connectionListQuerySchema,
  connectionTestSchema,
  connectSessionCreateSchema,
  connectSessionSchema,
  pageSchema,
} from '@plugboard/shared';
import { route } from '../http/route.js';
import { testConnection } from '../services/connection-test.js';
import { deleteConnection, findConnection, listConnections, presentAdminConnections } from '../services/connections.js';
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
    auth: 'admin',
    status: 200,
    query: connectionListQuerySchema,
    response: pageSchema(adminConnectionSchema),
    handler: async ({ auth, query }) => {
      const connectorId = query.connector
        ? (await findVisibleConnector(deps, auth.organization.id, query.connector)).id
        : undefined;
      const records = await listConnections(deps, {
        ...query,
        connectorId,
        organizationId: auth.organization.id,
        limit: query.limit + 1,
      });
      return nextPage(await presentAdminConnections(deps, records), query.limit);
    },
  }),
  route({
    method: 'get',
    path: '/v1/connections/{id}',
    tag: 'Connections',
    summary: 'Get a connection, credentials masked',
    auth: 'admin',
    status: 200,
    response: adminConnectionSchema,
    handler: async ({ auth, params }) => {
      const record = await findConnection(deps, auth.organization.id, params.id ?? '');
      const [connection] = await presentAdminConnections(deps, [record]);
      return connection;
    },
  }),
  route({
    method: 'get',
    path: '/v1/connections/{id}/credentials',
    tag: 'Connections',
    summary: 'Usable credentials for your backend; OAuth 2.0 tokens are refreshed first when they are due',
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
    auth: 'admin',
    status: 201,
    body: connectSessionCreateSchema,
    response: connectSessionSchema,
    handler: async ({ auth, body }) => createConnectSession(deps, auth.organization, body),
  }),
];
