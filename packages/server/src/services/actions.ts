import type { ActionResult, ActionTestResult, ConnectorAction } from '@plugboard/shared';
import type { BuiltRequest } from '../actions/action-request.js';
import { apiBaseOf, joinApiPath } from '../actions/api-url.js';
import { actionOf, callFactsOf, loadTarget, type RunAudit, runActionOn, sendWithCredentials } from './action-runner.js';
import { recordedCall } from './call-log.js';
import { findConnection } from './connections.js';
import { findVisibleConnector } from './connectors.js';
import type { ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';
import type { TokenRefresher } from './token-refresh.js';

/**
 * Runs a connector action with a connection: validates the input against the action's schema, builds the
 * request on the connector's API base URL, injects the connection's credentials and sends it under the egress
 * policy. With `audit` the run is recorded as an `action.called` event.
 * @throws DomainError validation_failed / egress_blocked / path_not_allowed, not_found, provider_error, upstream_timeout
 */
export async function runAction(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  run: { connectionId: string; action: string; input?: Record<string, unknown> | undefined },
  audit?: RunAudit,
): Promise<ActionResult> {
  const target = await loadTarget(deps, organizationId, run.connectionId);
  return runActionOn(deps, refresher, target, actionOf(target.connector, run.action), run.input ?? {}, audit);
}

const REFUSED_HEADERS = /^(host|content-length|connection|keep-alive|transfer-encoding|te|upgrade|trailer|proxy-.*)$/i;

/**
 * Sends an arbitrary request to a path of the connection's connector API with its credentials, and records it
 * in the tenant's call log (its path without the query) under `requestId`.
 * @throws DomainError path_not_allowed / egress_blocked, not_found, provider_error, upstream_timeout
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
  requestId?: string,
): Promise<ActionResult> {
  const target = await loadTarget(deps, organizationId, proxy.connectionId);
  const base = apiBaseOf(target.connector, target.connection.variables);
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
  const facts = { ...callFactsOf(target), kind: 'proxy' as const, method: proxy.method, url: base, path: proxy.path };
  return recordedCall(
    deps,
    { ...facts, requestId },
    () => sendWithCredentials(deps, refresher, target, build()),
    (result) => result.status,
  );
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
 * @throws DomainError validation_failed when the connection belongs to another connector, plus those of {@link runAction}
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
  const action = actionOf(connector, key);
  const connection = await findConnection(deps, organizationId, run.connectionId);
  if (connection.connectorId !== connector.id) {
    throw DomainError.validation([{ path: 'connectionId', message: `Not a connection of ${connector.name}` }]);
  }
  const result = await runActionOn(deps, refresher, { organizationId, connection, connector }, action, run.input ?? {});
  const test = {
    passed: result.status >= 200 && result.status < 300,
    status: result.status,
    at: deps.now().toISOString(),
    latencyMs: result.durationMs,
  };
  await deps.store.putActionTest({ organizationId, connectorId: connector.id, actionKey: key, ...test });
  return { ...test, result };
}
