import { type Provider, toConnectorInput } from '@plugboard/catalog';
import { buildConnectorDraft, type SpecDocument } from '@plugboard/openapi';
import {
  type AgentDraft,
  type AgentRun,
  actionDefinitionSchema,
  agentDraftSchema,
  authMethodInputSchema,
  connectorCreateSchema,
  eventDefinitionSchema,
  type ValidationIssue,
} from '@plugboard/shared';
import type { z } from 'zod';
import { toIssues } from '../http/api-error.js';

type Decision = { key: string; verdict: 'accept' | 'drop' | 'edit'; value?: unknown };
/** The review decisions of `POST /v1/agent/runs/{id}/review`. */
export interface Decisions {
  authMethods?: Decision[] | undefined;
  actions?: Decision[] | undefined;
  events?: Decision[] | undefined;
}

/** Keys for auth methods: their kind, numbered when a kind repeats (`apiKey`, `apiKey-2`). */
function keyed<T extends { kind: string }>(methods: readonly T[]): Array<T & { key: string }> {
  const counts = new Map<string, number>();
  return methods.map((method) => {
    const count = (counts.get(method.kind) ?? 0) + 1;
    counts.set(method.kind, count);
    return { ...method, key: count === 1 ? method.kind : `${method.kind}-${count}` };
  });
}

/** A draft from a connector create body (catalog or spec), with keys on its auth methods. */
function draftOf(body: z.input<typeof connectorCreateSchema>): AgentDraft {
  const created = connectorCreateSchema.parse(body);
  return agentDraftSchema.parse({
    name: created.name,
    ...(created.slug ? { slug: created.slug } : {}),
    description: created.description,
    ...(created.domain ? { domain: created.domain } : {}),
    visibility: created.visibility,
    ...(created.iconUrl ? { iconUrl: created.iconUrl } : {}),
    authMethods: keyed(created.authMethods),
    apiBaseUrl: created.apiBaseUrl ?? null,
    ...(created.variables.length > 0 ? { variables: created.variables } : {}),
    actions: created.actions,
    events: created.events,
  });
}

/** The draft of a catalog provider. */
export function draftFromProvider(provider: Provider): Pick<AgentRun, 'draft' | 'groups'> {
  return { draft: draftOf(toConnectorInput(provider)), groups: [] };
}

/** The draft of a parsed spec, with its action groups, servers and warnings. */
export function draftFromSpec(
  spec: SpecDocument,
): Pick<AgentRun, 'draft' | 'groups' | 'warnings' | 'warningKinds'> & { servers: string[] } {
  const built = buildConnectorDraft(spec);
  const kept = new Set(built.connector.actions.map((action) => action.key));
  const groups: AgentRun['groups'] = built.groups
    .map((group) => ({
      tag: group.name,
      source: group.source,
      actionKeys: group.actionKeys.filter((key) => kept.has(key)),
    }))
    .filter((group) => group.actionKeys.length > 0);
  const ungrouped = built.ungrouped.filter((key) => kept.has(key));
  if (ungrouped.length > 0) groups.push({ tag: 'Other', actionKeys: ungrouped });
  return {
    draft: draftOf(built.connector),
    groups,
    servers: built.servers,
    warnings: built.warnings.map((warning) => warning.message),
    warningKinds: warningKinds(built.warnings),
  };
}

/** Warnings by code, in order of first appearance, each with its count and first three messages. */
export function warningKinds(
  warnings: readonly { code: string; message: string }[],
): NonNullable<AgentRun['warningKinds']> {
  const kinds = new Map<string, { code: string; count: number; examples: string[] }>();
  for (const { code, message } of warnings) {
    const kind = kinds.get(code) ?? { code, count: 0, examples: [] };
    kind.count += 1;
    if (kind.examples.length < 3) kind.examples.push(message);
    kinds.set(code, kind);
  }
  return [...kinds.values()];
}

/**
 * Issues that keep a create body from making a connector that can run anything: no base URL and no domain to
 * derive one from (a spec without a usable server).
 */
export function baseUrlIssues(body: {
  apiBaseUrl?: string | null | undefined;
  domain?: string | undefined;
}): ValidationIssue[] {
  if (body.apiBaseUrl || body.domain) return [];
  return [{ path: 'apiBaseUrl', message: 'The spec names no usable server: give the API base URL actions go to' }];
}

const editSchemas = {
  authMethods: authMethodInputSchema,
  actions: actionDefinitionSchema,
  events: eventDefinitionSchema,
} as const;

type Kind = keyof typeof editSchemas;

function decide<T extends { key: string }>(
  kind: Kind,
  items: readonly T[],
  decisions: readonly Decision[] | undefined,
  issues: ValidationIssue[],
): T[] {
  const byKey = new Map<string, { decision: Decision; index: number }>();
  for (const [index, decision] of (decisions ?? []).entries()) {
    const where = `decisions.${kind}.${index}`;
    if (!items.some((item) => item.key === decision.key))
      issues.push({ path: `${where}.key`, message: `The draft has no ${kind} item "${decision.key}"` });
    else if (byKey.has(decision.key))
      issues.push({ path: `${where}.key`, message: `"${decision.key}" has two decisions` });
    else byKey.set(decision.key, { decision, index });
  }
  const kept: T[] = [];
  for (const item of items) {
    const entry = byKey.get(item.key);
    if (!entry || entry.decision.verdict === 'accept') kept.push(item);
    else if (entry.decision.verdict === 'edit') {
      const where = `decisions.${kind}.${entry.index}.value`;
      const value = entry.decision.value;
      if (value === undefined || value === null || typeof value !== 'object') {
        issues.push({ path: where, message: 'An edit needs the edited item as value' });
        continue;
      }
      const { key: _key, ...rest } = value as Record<string, unknown>;
      const parsed = editSchemas[kind].safeParse(kind === 'authMethods' ? rest : value);
      if (!parsed.success) issues.push(...toIssues(parsed.error, where));
      else kept.push((kind === 'authMethods' ? { ...parsed.data, key: item.key } : parsed.data) as unknown as T);
    }
  }
  return kept;
}

/**
 * Applies review decisions to a draft: accepted and undecided items stay, dropped ones go, edited ones are
 * replaced by their validated value. Returns the new draft, or the issues (and then nothing is applied).
 */
export function applyDecisions(
  draft: AgentDraft,
  decisions: Decisions,
): { draft: AgentDraft; issues: [] } | { draft?: undefined; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const next: AgentDraft = {
    ...draft,
    authMethods: decide('authMethods', draft.authMethods, decisions.authMethods, issues),
    actions: decide('actions', draft.actions, decisions.actions, issues),
    events: decide('events', draft.events, decisions.events, issues),
  };
  if (issues.length > 0) return { issues };
  const whole = connectorCreateSchema.safeParse(toCreateBody(next));
  if (!whole.success) return { issues: toIssues(whole.error, 'draft') };
  return { draft: next, issues: [] };
}

/** The body of `POST /v1/connectors` for a draft: auth methods without their keys. */
export function toCreateBody(draft: AgentDraft): z.input<typeof connectorCreateSchema> {
  const { authMethods, slug, domain, iconUrl, ...rest } = draft;
  return {
    ...rest,
    ...(slug ? { slug } : {}),
    ...(domain ? { domain } : {}),
    ...(iconUrl ? { iconUrl } : {}),
    authMethods: authMethods.map(({ key: _key, ...method }) => method),
  };
}
