import type { CallLogKind } from '@plugboard/shared';
import { newId } from '../crypto/tokens.js';
import type { ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';

/** What a call log entry says about a call before it ends: who made it and where it went. */
export interface CallFacts {
  kind: CallLogKind;
  organizationId: string;
  tenantId?: string | null | undefined;
  connectionId?: string | null | undefined;
  connectorId?: string | null | undefined;
  connectorSlug?: string | null | undefined;
  /** The action key, MCP tool name, event type, or `refresh_token`. */
  operation?: string | null | undefined;
  method?: string | null | undefined;
  /**
   * Where the call went: its host is kept, and its path when `path` is given (as the base `path` is under, such
   * as an API base URL's `/v2`); never its query, which can carry secrets.
   */
  url?: URL | string | null | undefined;
  /**
   * The path below `url`'s as a template (`/contacts/{id}`), or a concrete path whose query is cut off here.
   * Without it no path is logged (a vendor's webhook URL can carry its own secret in the path).
   */
  path?: string | null | undefined;
  /** The API request's `X-Request-Id`, for calls made inside one. */
  requestId?: string | null | undefined;
}

/** How a call ended. */
export interface CallOutcome {
  /** The upstream's HTTP status; null without a response. */
  status: number | null;
  durationMs: number;
  /** What it failed with, if it failed: a Plugboard error's code is kept, anything else is `internal_error`. */
  error?: unknown;
  /** The code to log when it is known better than {@link error} says (a provider's answer mapped to ours). */
  errorCode?: string | undefined;
}

function urlOf(url: CallFacts['url']): URL | null {
  if (!url) return null;
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The base's path joined with the path below it, without query or fragment: query values are never logged. */
function pathOf(base: URL | null, path: CallFacts['path']): string | null {
  if (!path) return null;
  const below = path.split(/[?#]/)[0] ?? '';
  const prefix = base ? base.pathname.replace(/\/+$/, '') : '';
  return `${prefix}${below.startsWith('/') ? '' : '/'}${below}`;
}

/** The code a failure is logged with. */
export const errorCodeOf = (error: unknown): string => (DomainError.is(error) ? error.code : 'internal_error');

/**
 * Records one call to a third-party API in the tenant's call log (buffered: written within a quarter second,
 * see `CallLogWriter`) and in the upstream metrics. Never throws and never waits, so any code path that calls
 * out (actions, the proxy, MCP tools, refreshes, webhooks, deliveries) can call it.
 *
 * @example
 * ```ts
 * recordCall(deps, { kind: 'proxy', organizationId, connectionId, method: 'GET', url, path: '/items?page=2' },
 *   { status: 200, durationMs: 41 });
 * ```
 */
export function recordCall(deps: ServiceDeps, facts: CallFacts, outcome: CallOutcome): void {
  const errorCode = outcome.errorCode ?? (outcome.error === undefined ? null : errorCodeOf(outcome.error));
  const durationMs = Math.max(0, Math.round(outcome.durationMs));
  const url = urlOf(facts.url);
  deps.metrics?.observeUpstream(
    facts.kind,
    facts.connectorSlug ?? 'none',
    outcome.status === null ? (errorCode ?? 'none') : String(outcome.status),
    durationMs / 1000,
  );
  deps.callLog?.add({
    id: newId('log'),
    organizationId: facts.organizationId,
    kind: facts.kind,
    tenantId: facts.tenantId ?? null,
    connectionId: facts.connectionId ?? null,
    connectorId: facts.connectorId ?? null,
    connectorSlug: facts.connectorSlug ?? null,
    operation: facts.operation ?? null,
    method: facts.method ?? null,
    host: url?.host ?? null,
    path: pathOf(url, facts.path),
    status: outcome.status,
    durationMs,
    errorCode,
    requestId: facts.requestId ?? null,
    createdAt: deps.now().toISOString(),
  });
}

/**
 * Runs a call and records it with {@link recordCall}, whether it succeeds or throws (the error is thrown on).
 * `statusOf` reads the upstream's HTTP status from the result.
 *
 * @example
 * ```ts
 * const result = await recordedCall(deps, facts, () => sendWithCredentials(...), (result) => result.status);
 * ```
 */
export async function recordedCall<T>(
  deps: ServiceDeps,
  facts: CallFacts,
  work: () => Promise<T>,
  statusOf: (result: T) => number | null,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    recordCall(deps, facts, { status: statusOf(result), durationMs: performance.now() - started });
    return result;
  } catch (error) {
    recordCall(deps, facts, { status: null, durationMs: performance.now() - started, error });
    throw error;
  }
}
