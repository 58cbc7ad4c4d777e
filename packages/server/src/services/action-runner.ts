import type { ActionDefinition, ActionResult } from '@plugboard/shared';
import { ErrorCode } from '@plugboard/shared';
import { type BuiltRequest, buildActionRequest } from '../actions/action-request.js';
import { apiBaseOf } from '../actions/api-url.js';
import { type InjectedCredentials, injectCredentials } from '../actions/credential-injection.js';
import { maskInjected } from '../crypto/mask.js';
import { EgressBlockedError, OutboundError, type OutboundResponse, sendOutbound } from '../egress/index.js';
import type { ConnectionRecord, ConnectorRecord, CredentialRecord } from '../storage/store.js';
import { type CallFacts, recordedCall } from './call-log.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';
import { emitEvent } from './events.js';
import type { TokenRefresher } from './token-refresh.js';

/** A connection with its connector, loaded once, ready to call the connector's API. */
export interface ActionTarget {
  organizationId: string;
  connection: ConnectionRecord;
  connector: ConnectorRecord;
  /**
   * The connection's encrypted credentials as read with it (null: it has none), handed to the refresher so that
   * the call reads the connection once; absent when the target was built from a connection read without them.
   */
  sealed?: CredentialRecord | null;
}

/** Who asked for a run, recorded on its `action.called` event: the admin API, the console or an MCP client. */
export interface RunAudit {
  via: 'api' | 'console' | 'mcp';
  /** The end user an MCP token or header names. */
  endUserId?: string | undefined;
  /** The MCP tool that was called. */
  tool?: string | undefined;
  /** The `X-Request-Id` of the API request that asked for the run, for its call log entry. */
  requestId?: string | undefined;
}

/** Who a call of a loaded connection is logged for: its organization, tenant, connection and connector. */
export function callFactsOf(target: ActionTarget): Omit<CallFacts, 'kind'> {
  const { connection, connector } = target;
  return {
    organizationId: target.organizationId,
    tenantId: connection.tenantId,
    connectionId: connection.id,
    connectorId: connector.id,
    connectorSlug: connector.slug,
  };
}

/**
 * Loads a connection of an organization (and tenant, when given) with its connector and encrypted credentials,
 * in one query. @throws DomainError not_found
 */
export async function loadTarget(
  deps: ServiceDeps,
  organizationId: string,
  connectionId: string,
  tenantId?: string,
): Promise<ActionTarget> {
  const found = await deps.store.getCallTarget(connectionId);
  const connection = found?.connection;
  const elsewhere = tenantId !== undefined && connection?.tenantId !== tenantId;
  if (!connection || connection.organizationId !== organizationId || elsewhere)
    throw DomainError.notFound(`Connection ${connectionId}`);
  if (!found.connector) throw DomainError.notFound(`Connector of connection ${connectionId}`);
  return { organizationId, connection, connector: found.connector, sealed: found.credentials ?? null };
}

/** The target's credentials, refreshed when due, reading the connection again only when the target was built without them. */
export function credentialsOf(refresher: TokenRefresher, target: ActionTarget) {
  const { organizationId, connection, sealed } = target;
  const read = sealed === undefined ? undefined : { connection, credentials: sealed ?? undefined };
  return refresher.credentialsFor(organizationId, connection.id, read);
}

/** A connector's action by key. @throws DomainError validation_failed */
export function actionOf(connector: ConnectorRecord, key: string): ActionDefinition {
  const action = connector.actions.find((candidate) => candidate.key === key);
  if (!action) throw DomainError.validation([{ path: 'action', message: `${connector.name} has no action "${key}"` }]);
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

/** A failure to reach the third party as the domain error callers get; any other error as it is. */
export function upstreamError(error: unknown): unknown {
  if (EgressBlockedError.is(error)) return new DomainError(ErrorCode.EgressBlocked, error.message);
  if (!OutboundError.is(error)) return error;
  if (error.failure === 'timeout') return new DomainError(ErrorCode.UpstreamTimeout, error.message);
  if (error.failure === 'too_large') return new DomainError(ErrorCode.UpstreamTooLarge, error.message);
  return new DomainError(ErrorCode.ProviderError, error.message);
}

// Credential injection writes into the request, so each send (the first and a retry after a refresh) gets a copy
// of the one built request.
const copyOf = (request: BuiltRequest): BuiltRequest => ({
  ...request,
  url: new URL(request.url),
  headers: { ...request.headers },
});

/**
 * Takes one call from the budget of the target connection's tenant.
 * @throws DomainError rate_limited with `retryAfterSeconds` when the tenant is over it
 */
export async function spendTenantCall(
  deps: ServiceDeps,
  target: Pick<ActionTarget, 'organizationId' | 'connection'>,
): Promise<void> {
  const { tenantId } = target.connection;
  const wait = (await deps.tenantLimiter?.take(target.organizationId, tenantId)) ?? 0;
  if (wait <= 0) return;
  const error = new DomainError(
    ErrorCode.RateLimited,
    `Tenant ${tenantId} is calling third-party APIs too fast; retry in ${wait} s`,
  );
  error.retryAfterSeconds = wait;
  throw error;
}

/**
 * The auth method a connection was made with, and its custom handler when it has one.
 * @throws DomainError conflict when the connector no longer offers that method
 */
export function authMethodOf(deps: ServiceDeps, { connection, connector }: ActionTarget) {
  const method = connector.authMethods.find((candidate) => candidate.id === connection.authMethodId);
  if (!method)
    throw new DomainError(ErrorCode.Conflict, `${connector.name} no longer offers this connection's auth method`);
  const handler = method.kind === 'custom' ? deps.customAuth?.[method.handler] : undefined;
  return { method, handler };
}

/**
 * Sends a built request to a connection's API with its credentials, under the tenant's budget and the egress
 * policy. On a 401 from an OAuth 2.0 API the token is refreshed once and the request sent once more.
 *
 * @throws DomainError rate_limited (with `retryAfterSeconds`), conflict, egress_blocked, upstream_timeout,
 *   upstream_too_large, provider_error; needs_reauth and refresh_failed from the refresher
 */
export async function sendWithCredentials(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  target: ActionTarget,
  request: BuiltRequest,
): Promise<ActionResult> {
  const { connection } = target;
  const { method, handler } = authMethodOf(deps, target);
  // Independent reads and writes, at once: on PostgreSQL each is a round trip.
  const [, credentials] = await Promise.all([spendTenantCall(deps, target), credentialsOf(refresher, target)]);
  const send = async (values: Record<string, string>) => {
    const copy = copyOf(request);
    const injected = injectCredentials(copy, { method, values, handler });
    const started = performance.now();
    const answer = await sendOutbound(egressOf(deps), { ...copy, credentials: injected }, deps.outbound).catch(
      (error: unknown) => {
        throw upstreamError(error);
      },
    );
    return { copy, injected, answer, durationMs: Math.round(performance.now() - started) };
  };
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
    request: masked(sent.copy, sent.injected, method.kind),
  };
}

async function recordCall(
  deps: ServiceDeps,
  target: ActionTarget,
  action: string,
  audit: RunAudit,
  outcome: { status?: number; durationMs?: number; error?: string },
) {
  const { id, tenantId, connectorId } = target.connection;
  // The request id goes to the call log; the event's shape stays what webhook receivers know.
  const { requestId: _requestId, ...who } = audit;
  const data = {
    connection: { id, tenantId, connectorId },
    connectorSlug: target.connector.slug,
    action,
    ...who,
    ...outcome,
  };
  try {
    await emitEvent(deps, target.organizationId, 'action.called', data);
  } catch (error) {
    deps.logger.error({ event: 'event.emit_failed', type: 'action.called', name: (error as Error).name });
  }
}

/**
 * Runs an action of a loaded connection: validates the input against the action's schema and builds the request
 * once, then sends it with {@link sendWithCredentials}. With `audit`, the run (or its failure's code) is recorded
 * as an `action.called` event for the organization's webhook endpoints.
 *
 * @throws DomainError validation_failed / path_not_allowed, plus those of {@link sendWithCredentials}
 */
export async function runActionOn(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  target: ActionTarget,
  action: ActionDefinition,
  input: Record<string, unknown>,
  audit?: RunAudit,
): Promise<ActionResult> {
  try {
    const base = apiBaseOf(target.connector, target.connection.variables);
    const facts: CallFacts = {
      ...callFactsOf(target),
      kind: audit?.via === 'mcp' ? 'mcp_tool' : 'action',
      operation: audit?.tool ?? action.key,
      method: action.method,
      url: base,
      path: action.path,
      requestId: audit?.requestId,
    };
    const result = await recordedCall(
      deps,
      facts,
      () => sendWithCredentials(deps, refresher, target, buildActionRequest(action, base, input)),
      (sent) => sent.status,
    );
    if (audit)
      await recordCall(deps, target, action.key, audit, { status: result.status, durationMs: result.durationMs });
    return result;
  } catch (error) {
    if (audit)
      await recordCall(deps, target, action.key, audit, {
        error: DomainError.is(error) ? error.code : 'internal_error',
      });
    throw error;
  }
}
