import type { ActionResult, ActionTestResult, ConnectorAction } from '@plugboard/shared';
import { ErrorCode } from '@plugboard/shared';
import { type BuiltRequest, buildActionRequest } from '../actions/action-request.js';
import { apiBaseOf, joinApiPath } from '../actions/api-url.js';
import { type InjectedCredentials, injectCredentials } from '../actions/credential-injection.js';
import { maskInjected } from '../crypto/mask.js';
import { EgressBlockedError, OutboundError, type OutboundResponse, sendOutbound } from '../egress/index.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectionRecord, ConnectorRecord } from '../storage/store.js';
import { findConnection } from './connections.js';
import { findVisibleConnector } from './connectors.js';
import { egressOf, type ServiceDeps } from './deps.js';
import type { TokenRefresher } from './token-refresh.js';

/** An organization's connection with its connector, ready to call the connector's API. */
interface Target {
  organizationId: string;
  connection: ConnectionRecord;
  connector: ConnectorRecord;
}

async function targetOf(deps: ServiceDeps, organizationId: string, connectionId: string): Promise<Target> {
  const connection = await findConnection(deps, organizationId, connectionId);
  const connector = await deps.store.getConnector(connection.connectorId);
  if (!connector) throw ApiError.notFound(`Connector of connection ${connectionId}`);
  return { organizationId, connection, connector };
}

function actionOf(connector: ConnectorRecord, key: string) {
  const action = connector.actions.find((candidate) => candidate.key === key);
  if (!action) throw ApiError.validation([{ path: 'action', message: `${connector.name} has no action "${key}"` }]);
  return action;
}

function masked(request: BuiltRequest, injected: InjectedCredentials, kind: string): ActionResult['request'] {
  const url = new URL(request.url);
  for (const name of injected.query) {
    const value = url.searchParams.get(name);
    if (value !== null) url.searchParams.set(name, maskInjected(kind, value));
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      injected.headers.includes(name) ? maskInjected(kind, value) : value,
    ]),
  );
  return { method: request.method, url: url.toString(), headers };
}

function bodyOf(answer: OutboundResponse): unknown {
  const text = answer.body.toString('utf8');
  if (/\bjson\b/i.test(answer.headers['content-type'] ?? '') && text.trim() !== '') {
    try {
      return JSON.parse(text);
    } catch {}
  }
  return text;
}

function upstreamError(error: unknown): unknown {
  if (EgressBlockedError.is(error)) return new ApiError(400, ErrorCode.EgressBlocked, error.message);
  if (!OutboundError.is(error)) return error;
  if (error.failure === 'timeout') return new ApiError(504, ErrorCode.UpstreamTimeout, error.message);
  if (error.failure === 'too_large') return new ApiError(502, ErrorCode.UpstreamTooLarge, error.message);
  return new ApiError(502, ErrorCode.ProviderError, error.message);
}

/**
 * Sends a request built for a connection's API with its credentials. On a 401 from an OAuth 2.0 API the token
 * is refreshed once and the request sent once more.
 */
async function callApi(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  target: Target,
  build: () => BuiltRequest,
): Promise<ActionResult> {
  const { connection, connector } = target;
  const wait = (await deps.tenantLimiter?.take(target.organizationId, connection.tenantId)) ?? 0;
  if (wait > 0) {
    throw new ApiError(
      429,
      ErrorCode.RateLimited,
      `Tenant ${connection.tenantId} is calling third-party APIs too fast; retry in ${wait} s`,
    ).withHeaders({ 'Retry-After': String(wait) });
  }
  const method = connector.authMethods.find((candidate) => candidate.id === connection.authMethodId);
  if (!method)
    throw new ApiError(409, ErrorCode.Conflict, `${connector.name} no longer offers this connection's auth method`);
  const handler = method.kind === 'custom' ? deps.customAuth?.[method.handler] : undefined;
  const send = async (values: Record<string, string>) => {
    const request = build();
    const injected = injectCredentials(request, { method, values, handler });
    const started = performance.now();
    const answer = await sendOutbound(egressOf(deps), { ...request, credentials: injected }, deps.outbound).catch(
      (error: unknown) => {
        throw upstreamError(error);
      },
    );
    return { request, injected, answer, durationMs: Math.round(performance.now() - started) };
  };
  const credentials = await refresher.credentialsFor(target.organizationId, connection.id);
  let sent = await send(credentials.credentials);
  if (sent.answer.status === 401 && connection.authKind === 'oauth2') {
    const rejected = credentials.credentials.accessToken ?? '';
    const renewed = await refresher.refreshRejected(target.organizationId, connection.id, rejected);
    sent = await send(renewed.credentials);
  }
  return {
    status: sent.answer.status,
    headers: sent.answer.headers,
    body: bodyOf(sent.answer),
    durationMs: sent.durationMs,
    request: masked(sent.request, sent.injected, method.kind),
  };
}

/**
 * Runs a connector action with a connection: validates the input against the action's schema, builds the
 * request on the connector's API base URL, injects the connection's credentials and sends it under the egress policy.
 * @throws ApiError 400 validation_failed / egress_blocked / path_not_allowed, 404, 502, 504
 */
export async function runAction(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  run: { connectionId: string; action: string; input?: Record<string, unknown> | undefined },
): Promise<ActionResult> {
  const target = await targetOf(deps, organizationId, run.connectionId);
  const action = actionOf(target.connector, run.action);
  const base = apiBaseOf(target.connector);
  buildActionRequest(action, base, run.input ?? {});
  return callApi(deps, refresher, target, () => buildActionRequest(action, base, run.input ?? {}));
}

const REFUSED_HEADERS = /^(host|content-length|connection|keep-alive|transfer-encoding|te|upgrade|trailer|proxy-.*)$/i;

/**
 * Sends an arbitrary request to a path of the connection's connector API with its credentials.
 * @throws ApiError 400 path_not_allowed / egress_blocked, 404, 502, 504
 */
export async function proxyRequest(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  proxy: {
    connectionId: string;
    method: string;
    path: string;
    query?: Record<string, string | number | boolean> | undefined;
    headers?: Record<string, string> | undefined;
    body?: unknown;
  },
): Promise<ActionResult> {
  const target = await targetOf(deps, organizationId, proxy.connectionId);
  const base = apiBaseOf(target.connector);
  const build = (): BuiltRequest => {
    const url = joinApiPath(base, proxy.path);
    for (const [name, value] of Object.entries(proxy.query ?? {})) url.searchParams.append(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(proxy.headers ?? {})) {
      if (!REFUSED_HEADERS.test(name)) headers[name.toLowerCase()] = value;
    }
    if (proxy.body === undefined || proxy.method === 'GET') return { method: proxy.method, url, headers };
    const text = typeof proxy.body === 'string' ? proxy.body : JSON.stringify(proxy.body);
    if (typeof proxy.body !== 'string') headers['content-type'] ??= 'application/json';
    return { method: proxy.method, url, headers, body: Buffer.from(text) };
  };
  build();
  return callApi(deps, refresher, target, build);
}

/** A connector's actions with the organization's last test of each. @throws ApiError 404 */
export async function listConnectorActions(
  deps: ServiceDeps,
  organizationId: string,
  connectorId: string,
): Promise<ConnectorAction[]> {
  const connector = await findVisibleConnector(deps, organizationId, connectorId);
  const tests = new Map(
    (await deps.store.listActionTests(organizationId, connector.id)).map((test) => [test.actionKey, test]),
  );
  return connector.actions.map((action) => {
    const test = tests.get(action.key);
    return {
      ...action,
      lastTest: test ? { passed: test.passed, status: test.status, at: test.at, latencyMs: test.latencyMs } : null,
    };
  });
}

/**
 * Runs one action of a connector with a connection of that connector, and stores the outcome as the
 * organization's last test of the action.
 * @throws ApiError 400 when the connection belongs to another connector, plus those of {@link runAction}
 */
export async function testAction(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  connectorId: string,
  key: string,
  run: { connectionId: string; input?: Record<string, unknown> | undefined },
): Promise<ActionTestResult> {
  const connector = await findVisibleConnector(deps, organizationId, connectorId);
  actionOf(connector, key);
  const connection = await findConnection(deps, organizationId, run.connectionId);
  if (connection.connectorId !== connector.id) {
    throw ApiError.validation([{ path: 'connectionId', message: `Not a connection of ${connector.name}` }]);
  }
  const result = await runAction(deps, refresher, organizationId, { ...run, action: key });
  const test = {
    passed: result.status >= 200 && result.status < 300,
    status: result.status,
    at: deps.now().toISOString(),
    latencyMs: result.durationMs,
  };
  await deps.store.putActionTest({ organizationId, connectorId: connector.id, actionKey: key, ...test });
  return { ...test, result };
}
