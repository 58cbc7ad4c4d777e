import {
  actionResultSchema,
  actionRunSchema,
  actionTestResultSchema,
  actionTestRunSchema,
  connectorActionSchema,
  ErrorCode,
  proxyRequestSchema,
} from '@plugboard/shared';
import { z } from 'zod';
import { requestIdOf } from '../http/request-id.js';
import { type RouteError, route } from '../http/route.js';
import { listConnectorActions, proxyRequest, runAction, testAction } from '../services/actions.js';
import type { ServiceDeps } from '../services/deps.js';
import type { TokenRefresher } from '../services/token-refresh.js';

/** What a call to a connection's API can be refused or fail with: the action runner's and both proxies'. */
export const UPSTREAM_CALL_ERRORS: readonly RouteError[] = [
  ErrorCode.NotFound,
  ErrorCode.EgressBlocked,
  ErrorCode.PathNotAllowed,
  ErrorCode.NeedsReauth,
  ErrorCode.RefreshFailed,
  ErrorCode.RateLimited,
  ErrorCode.UpstreamTimeout,
  ErrorCode.UpstreamTooLarge,
  ErrorCode.Conflict,
];

/** Admin routes that call third-party APIs with a connection: actions, the proxy, action tests. */
export const actionRoutes = (deps: ServiceDeps, refresher: TokenRefresher) => [
  route({
    method: 'post',
    path: '/v1/actions/run',
    tag: 'Actions',
    summary: "Run a connector action with a connection's credentials",
    operationId: 'runAction',
    description:
      "Runs one of the connector's actions with the connection's credentials: the input is validated against the action's JSON Schema, the request goes through the egress policy, and the third party's answer is returned.",
    errors: UPSTREAM_CALL_ERRORS,
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
    operationId: 'proxyRequest',
    description:
      "Sends a request to a path of the connector's API base URL with the connection's credentials injected; the path may not change the scheme, host or port.",
    errors: UPSTREAM_CALL_ERRORS,
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
    operationId: 'listConnectorActions',
    description: "The connector's actions, each with the organization's last test of it.",
    errors: [ErrorCode.NotFound],
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
    operationId: 'testConnectorAction',
    description: "Runs an action like `runAction` and keeps the outcome as the action's last test, for the console.",
    // The runner's errors but `conflict`, which a test does not answer with.
    errors: UPSTREAM_CALL_ERRORS.filter((error) => error !== ErrorCode.Conflict),
    auth: 'admin',
    status: 200,
    body: actionTestRunSchema,
    response: actionTestResultSchema,
    handler: async ({ auth, params, body }) =>
      testAction(deps, refresher, auth.organization.id, params.id ?? '', params.key ?? '', body),
  }),
];
