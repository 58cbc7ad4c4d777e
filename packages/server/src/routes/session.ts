import {
  connectionCreateSchema,
  connectionSchema,
  connectorCardSchema,
  sessionBootstrapSchema,
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
import type { ServiceDeps } from '../services/deps.js';
import { describeSession, sessionBootstrap, sessionCards } from '../services/sessions.js';
import type { TokenRefresher } from '../services/token-refresh.js';

/** Routes a connect session (the widget) uses: all scoped to the session's tenant. */
export const sessionRoutes = (deps: ServiceDeps, refresher: TokenRefresher) => [
  route({
    method: 'get',
    path: '/v1/session',
    tag: 'Session',
    summary: 'Describe the current connect session',
    auth: 'session',
    status: 200,
    response: sessionInfoSchema,
    handler: async ({ auth }) => describeSession(auth),
  }),
  route({
    method: 'get',
    path: '/v1/session/connectors',
    tag: 'Session',
    summary: 'The connector cards this session may use, with its tenant’s connection counts',
    auth: 'session',
    status: 200,
    response: z.object({ data: z.array(connectorCardSchema) }),
    handler: async ({ auth }) => ({ data: await sessionCards(deps, auth) }),
  }),
  route({
    method: 'get',
    path: '/v1/session/bootstrap',
    tag: 'Session',
    summary: 'Everything the widget’s first paint needs in one request: the session and its connector cards',
    auth: 'session',
    status: 200,
    response: sessionBootstrapSchema,
    handler: async ({ auth }) => sessionBootstrap(deps, auth),
  }),
  route({
    method: 'get',
    path: '/v1/session/connections',
    tag: 'Session',
    summary: 'The tenant’s connections of the connectors this session may use, without credentials',
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
    auth: 'session',
    status: 204,
    handler: async ({ auth, params }) => {
      const record = await findSessionConnection(deps, auth, params.id ?? '');
      await refresher.revoke(record);
      await deleteConnection(deps, record);
    },
  }),
];
