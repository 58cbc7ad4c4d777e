import type { ActionDefinition, AgentDraft, AgentFix, AgentTest, AuthMethod } from '@plugboard/shared';
import { buildActionRequest } from '../actions/action-request.js';
import { injectCredentials } from '../actions/credential-injection.js';
import { EgressBlockedError, type EgressPolicy, OutboundError, sendOutbound } from '../egress/index.js';
import type { ProposedFix } from './model.js';

/** What testing needs: where requests may go, and a connection's auth method and credentials (or none). */
export interface TestContext {
  policy: EgressPolicy;
  /** The auth method the credentials are for, in the draft's terms; none for a public API. */
  method: AuthMethod | undefined;
  values: Record<string, string>;
}

const MAX_TESTED = 10;

/** Actions safe to run while testing: GET with no required input. */
export function safeActions(draft: AgentDraft): ActionDefinition[] {
  return draft.actions
    .filter((action) => action.method === 'GET' && (action.input.required ?? []).length === 0)
    .filter((action) => !/\{[^}]+\}/.test(action.path))
    .slice(0, MAX_TESTED);
}

/** The base URL a draft's actions go to, or undefined when it has none. */
export function baseOf(draft: AgentDraft): string | undefined {
  if (draft.apiBaseUrl) return draft.apiBaseUrl;
  return draft.domain ? `https://api.${draft.domain}` : undefined;
}

/** Extra request headers a fix may add. */
type ExtraHeaders = Record<string, string>;

/** Runs one action with the context's credentials and records the outcome; never throws. */
export async function testAction(
  context: TestContext,
  draft: AgentDraft,
  action: ActionDefinition,
  extraHeaders: ExtraHeaders = {},
): Promise<AgentTest> {
  const base = baseOf(draft);
  if (!base)
    return { actionKey: action.key, passed: false, status: 0, latencyMs: 0, note: 'The draft has no API base URL' };
  const started = performance.now();
  try {
    const request = buildActionRequest(action, new URL(base), {});
    Object.assign(request.headers, extraHeaders);
    const injected = context.method
      ? injectCredentials(request, { method: context.method, values: context.values })
      : { headers: [], query: [] };
    const answer = await sendOutbound(
      context.policy,
      { ...request, credentials: injected },
      { timeoutMs: 10_000, maxBytes: 1024 * 1024 },
    );
    const passed = answer.status >= 200 && answer.status < 300;
    return {
      actionKey: action.key,
      passed,
      status: answer.status,
      latencyMs: Math.round(performance.now() - started),
      ...(passed ? {} : { note: `${action.method} ${action.path} answered ${answer.status}` }),
    };
  } catch (error) {
    const note =
      EgressBlockedError.is(error) || OutboundError.is(error) || error instanceof Error ? error.message : 'No answer';
    return {
      actionKey: action.key,
      passed: false,
      status: 0,
      latencyMs: Math.round(performance.now() - started),
      note,
    };
  }
}

/** A change the fix step can try, applied on the draft and auth method as they are by then. */
interface Candidate {
  change: string;
  apply(
    draft: AgentDraft,
    method: AuthMethod | undefined,
  ): { draft: AgentDraft; method: AuthMethod | undefined; headers: ExtraHeaders };
}

/** A fix the model proposed, as a candidate like the agent's own. */
function proposedCandidate(context: TestContext, fix: ProposedFix): Candidate {
  const key = context.method?.kind === 'apiKey' ? context.method : undefined;
  const parts = [
    fix.baseUrl && `base URL ${fix.baseUrl}`,
    key &&
      (fix.apiKeyIn || fix.apiKeyName) &&
      `API key in the ${fix.apiKeyIn ?? key.in} as ${fix.apiKeyName ?? key.name}`,
  ].filter(Boolean);
  return {
    change: `Proposed by the model: ${parts.join(', ') || 'no applicable change'}`,
    apply: (base, method) => {
      const moved = key && { ...key, in: fix.apiKeyIn ?? key.in, name: fix.apiKeyName ?? key.name };
      return {
        draft: {
          ...base,
          ...(fix.baseUrl ? { apiBaseUrl: fix.baseUrl } : {}),
          authMethods: base.authMethods.map((candidate) =>
            moved && candidate.kind === 'apiKey' && candidate.name === key.name
              ? { ...candidate, in: moved.in, name: moved.name }
              : candidate,
          ),
        },
        method: moved ?? method,
        headers: {},
      };
    },
  };
}

function candidatesFor(context: TestContext, draft: AgentDraft, servers: readonly string[]): Candidate[] {
  const current = baseOf(draft);
  const candidates: Candidate[] = servers
    .filter((server) => server !== current)
    .map((server) => ({
      change: `Base URL set to ${server}`,
      apply: (base, method) => ({ draft: { ...base, apiBaseUrl: server }, method, headers: {} }),
    }));
  const key = context.method;
  if (key?.kind === 'apiKey') {
    const moved = key.in === 'query' ? 'header' : 'query';
    const name = key.in === 'query' ? 'X-API-Key' : key.name;
    candidates.push({
      change: `API key sent in the ${moved} as ${name}`,
      apply: (base) => ({
        draft: {
          ...base,
          authMethods: base.authMethods.map((method) =>
            method.kind === 'apiKey' && method.name === key.name ? { ...method, in: moved, name } : method,
          ),
        },
        method: { ...key, in: moved, name },
        headers: {},
      }),
    });
  }
  candidates.push({
    change: 'Accept: */* sent instead of application/json',
    apply: (base, method) => ({ draft: base, method, headers: { accept: '*/*' } }),
  });
  return candidates;
}

/**
 * Tries the usual causes of failing tests, one change at a time: the spec's other servers as base URL, the API
 * key in the query instead of a header (or back), a different Accept header. The first change under which
 * failing actions pass is kept in the draft (an Accept header is only reported: a connector cannot set one).
 * Changes a model `proposed` are tried last, the same way.
 */
export async function fixFailures(
  context: TestContext,
  draft: AgentDraft,
  servers: readonly string[],
  tests: readonly AgentTest[],
  proposed: readonly ProposedFix[] = [],
): Promise<{ draft: AgentDraft; tests: AgentTest[]; fixes: AgentFix[] }> {
  const failing = new Set(tests.filter((test) => !test.passed).map((test) => test.actionKey));
  const fixes: AgentFix[] = [];
  let results = [...tests];
  const candidates = [
    ...candidatesFor(context, draft, servers),
    ...proposed.map((fix) => proposedCandidate(context, fix)),
  ];
  for (const candidate of candidates) {
    const tried = candidate.apply(draft, context.method);
    const actions = tried.draft.actions.filter((action) => failing.has(action.key));
    if (actions.length === 0) break;
    const retried = await Promise.all(
      actions.map((action) => testAction({ ...context, method: tried.method }, tried.draft, action, tried.headers)),
    );
    for (const test of retried)
      fixes.push({ actionKey: test.actionKey, change: candidate.change, passed: test.passed });
    if (!retried.some((test) => test.passed)) continue;
    draft = tried.draft;
    results = results.map((test) => retried.find((again) => again.actionKey === test.actionKey) ?? test);
    for (const test of retried) if (test.passed) failing.delete(test.actionKey);
    context = { ...context, method: tried.method };
  }
  return { draft, tests: results, fixes };
}
