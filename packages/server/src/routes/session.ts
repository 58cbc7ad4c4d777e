import {
  connectionCreateSchema,
  connectionSchema,
  connectorCardSchema,
  ErrorCode,
  sessionBootstrapSchema,
  sessionInfoSchema,
} from '@plugboard/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { route } from '../http/route.js';
import { sessionCardsJson } from '../services/cards.js';
import {
  createConnection,
  deleteConnection,
  findSessionConnection,
  listSessionConnections,
} from '../services/connections.js';
import type { ServiceDeps } from '../services/deps.js';
import { describeSession, sessionBootstrapJson } from '../services/sessions.js';
import type { TokenRefresher } from '../services/token-refresh.js';

/** Answers with JSON the service has already written (the cards are built as JSON text, see services/cards.ts). */
const jsonText = (c: Context, text: string) => c.body(text, 200, { 'Content-Type': 'application/json' });

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
    handler: async ({ auth }) => describeSession(auth),
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
    handler: async ({ c, auth }) => jsonText(c, `{"data":${await sessionCardsJson(deps, auth)}}`),
  }),
  route({
    method: 'get',
    path: '/v1/session/bootstrap',
    tag: 'Session',
    summary: 'Everything the widget’s first paint needs in one request: the session and its connector cards',
    operationId: 'getSessionBootstrap',
    description:
      'The session and its connector cards in one request, for a vendor backend to pass to the widget with its page (`initialData`), so the first paint needs no request.',
    auth: 'session',
    status: 200,
    response: sessionBootstrapSchema,
    handler: async ({ c, auth }) => jsonText(c, await sessionBootstrapJson(deps, auth)),
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
      ErrorCode.EgressBlocked,
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
