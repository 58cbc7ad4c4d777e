import {
  actionResultSchema,
  actionRunSchema,
  actionTestResultSchema,
  actionTestRunSchema,
  connectorActionSchema,
  proxyRequestSchema,
} from '@plugboard/shared';
import { z } from 'zod';
import { requestIdOf } from '../http/request-id.js';
import { route } from '../http/route.js';
import { listConnectorActions, proxyRequest, runAction, testAction } from '../services/actions.js';
import type { ServiceDeps } from '../services/deps.js';
import type { TokenRefresher } from '../services/token-refresh.js';

/** Admin routes that call third-party APIs with a connection: actions, the proxy, action tests. */
export const actionRoutes = (deps: ServiceDeps, refresher: TokenRefresher) => [
  route({
    method: 'post',
    path: '/v1/actions/run',
    tag: 'Actions',
    summary: "Run a connector action with a connection's credentials",
    auth: 'admin',
    status: 200,
    body: actionRunSchema,
    response: actionResultSchema,
    handler: async ({ c, auth, body }) =>
      runAction(deps, refresher, auth.organization.id, body, { via: 'api', requestId: requestIdOf(c) }),
  }),
  route({
    method: 'post',
    path: '/v1/proxy',
    tag: 'Actions',
    summary: "Send a request to any path of the connector's API with a connection's credentials",
    auth: 'admin',
    status: 200,
    body: proxyRequestSchema,
    response: actionResultSchema,
    handler: async ({ c, auth, body }) => proxyRequest(deps, refresher, auth.organization.id, body, requestIdOf(c)),
  }),
  route({
    method: 'get',
    path: '/v1/connectors/{id}/actions',
    tag: 'Actions',
    summary: "List a connector's actions with your organization's last test of each",
    auth: 'admin',
    status: 200,
    response: z.object({ data: z.array(connectorActionSchema) }),
    handler: async ({ auth, params }) => ({
      data: await listConnectorActions(deps, auth.organization.id, params.id ?? ''),
    }),
  }),
  route({
    method: 'post',
    path: '/v1/connectors/{id}/actions/{key}/test',
    tag: 'Actions',
    summary: "Run an action with a connection and keep the outcome as the action's last test",
    auth: 'admin',
    status: 200,
    body: actionTestRunSchema,
    response: actionTestResultSchema,
    handler: async ({ auth, params, body }) =>
      testAction(deps, refresher, auth.organization.id, params.id ?? '', params.key ?? '', body),
  }),
];
