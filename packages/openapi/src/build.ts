import {
  type AuthMethodInput,
  type ConnectorCreate,
  MAX_CONNECTOR_ACTIONS,
  MAX_CONNECTOR_EVENTS,
} from '@plugboard/shared';
import { type ActionInputDefinition, buildActions, type DraftAction } from './build-actions.js';
import { buildAuthMethods, operationScopes, withOperationScopes } from './build-auth.js';
import { buildEvents, type EventInputDefinition } from './build-events.js';
import type { InputContext } from './build-input.js';
import { chooseBaseUrl, type ServerChoice, serverCandidates } from './build-server.js';
import type { SpecDocument } from './model.js';
import { keyOf, truncate } from './names.js';
import { SchemaInliner } from './schema-inline.js';
import { type SpecWarning, SpecWarningCode } from './warnings.js';

/** How many actions one connector holds (the shared schema's limit). */
export const MAX_ACTIONS = MAX_CONNECTOR_ACTIONS;
/** How many events one connector holds (the shared schema's limit). */
export const MAX_EVENTS = MAX_CONNECTOR_EVENTS;
const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,63}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Which built actions go into the connector body. */
export interface ActionSelection {
  /** Keep the actions with at least one of these tags (untagged ones are left out). All when unset. */
  tags?: string[];
  /** Keep these action keys (in addition to `tags`, when both are set). */
  keys?: string[];
  /**
   * Keep operations marked deprecated.
   * @default true
   */
  includeDeprecated?: boolean;
}

/** Options of {@link buildConnectorDraft}. */
export interface BuildOptions extends ActionSelection {
  /** The connector's name; the spec's `info.title` when unset. */
  name?: string;
  /** The connector's slug; generated from the name when unset (and when it makes a valid slug). */
  slug?: string;
  /** The connector's domain; derived from the base URL's host when unset. */
  domain?: string;
  /** Which server to use, and values for its variables. */
  server?: ServerChoice;
}

/** Actions sharing a tag (else the first segment of their paths), so a member can keep or drop them together. */
export interface ActionGroup {
  name: string;
  /** `tag`: the operations' tag; `path`: untagged operations under the same first path segment. */
  source: 'tag' | 'path';
  description?: string;
  actionKeys: string[];
}

/** A connector built from a spec, for a member to review before it is created. */
export interface ConnectorDraft {
  /** A body for `POST /v1/connectors` (it passes `connectorCreateSchema`), holding the selected actions. */
  connector: ConnectorCreate & {
    authMethods: AuthMethodInput[];
    actions: ActionInputDefinition[];
    events: EventInputDefinition[];
  };
  /** Every action built, selected or not, with its tags. */
  actions: DraftAction[];
  /** Every event built, also those over the connector's limit. */
  events: EventInputDefinition[];
  /**
   * Actions by tag: declared tags first, in their order, then tags as operations use them; then untagged
   * actions by the first segment of their path (past `api` and versions such as `v1`).
   */
  groups: ActionGroup[];
  /** Keys of actions with neither a tag nor a path segment to group them by. */
  ungrouped: string[];
  /** Every server of the spec as a base URL, variables at their defaults: alternatives for the member or a fix. */
  servers: string[];
  /** What was left out or guessed, parsing included. */
  warnings: SpecWarning[];
}

/** The first path segment that names something: not `api`, a version (`v1`, `2024-01-01`) or a placeholder. */
function pathGroup(path: string): string | undefined {
  return path
    .split('/')
    .find((segment) => segment !== '' && !/^(api|rest|v\d+(\.\d+)*|\d[\d.-]*|\{.*\})$/i.test(segment));
}

function groupsOf(spec: SpecDocument, actions: DraftAction[]): { groups: ActionGroup[]; ungrouped: string[] } {
  const groups = new Map<string, ActionGroup>();
  for (const tag of spec.tags)
    groups.set(`tag:${tag.name}`, {
      name: tag.name,
      source: 'tag',
      ...(tag.description ? { description: tag.description } : {}),
      actionKeys: [],
    });
  const add = (source: ActionGroup['source'], name: string, key: string) => {
    let group = groups.get(`${source}:${name}`);
    if (!group) {
      group = { name, source, actionKeys: [] };
      groups.set(`${source}:${name}`, group);
    }
    group.actionKeys.push(key);
  };
  const ungrouped: string[] = [];
  for (const { action, tags } of actions) {
    for (const tag of tags) add('tag', tag, action.key);
    if (tags.length > 0) continue;
    const segment = pathGroup(action.path);
    if (segment) add('path', segment, action.key);
    else ungrouped.push(action.key);
  }
  return { groups: [...groups.values()].filter((group) => group.actionKeys.length > 0), ungrouped };
}

function domainOf(baseUrl: string | null): string | undefined {
  if (!baseUrl) return undefined;
  // A per-customer host (`{shop}.myshopify.com`) belongs to the domain of its fixed part.
  const fixed = /^[a-z]+:\/\/([^/:]*)/i
    .exec(baseUrl)?.[1]
    ?.split('.')
    .filter((label) => !label.includes('{'));
  if (!fixed || fixed.length < 2) return undefined;
  const host = fixed
    .join('.')
    .toLowerCase()
    .replace(/^(api|www)\.(?=[^.]+\.[^.]+)/, '');
  return DOMAIN.test(host) ? host : undefined;
}

/**
 * The actions a selection keeps, at most {@link MAX_ACTIONS}.
 *
 * @param warnings - receives a `truncated` warning when the selection holds more than a connector can
 */
export function pickActions(
  actions: DraftAction[],
  selection: ActionSelection,
  warnings: SpecWarning[] = [],
): ActionInputDefinition[] {
  const tags = selection.tags ? new Set(selection.tags) : null;
  const keys = selection.keys ? new Set(selection.keys) : null;
  const chosen = actions.filter((entry) => {
    if (selection.includeDeprecated === false && entry.deprecated) return false;
    if (!tags && !keys) return true;
    return (tags !== null && entry.tags.some((tag) => tags.has(tag))) || (keys?.has(entry.action.key) ?? false);
  });
  if (chosen.length > MAX_ACTIONS) {
    warnings.push({
      code: SpecWarningCode.Truncated,
      message: `${chosen.length} actions selected; a connector holds ${MAX_ACTIONS}, so the connector body has the first ${MAX_ACTIONS}: pick tags or keys to choose`,
    });
  }
  return chosen.slice(0, MAX_ACTIONS).map((entry) => entry.action);
}

/**
 * Builds a connector draft from a parsed spec: auth methods from its security schemes, the base URL from its
 * servers, one action per operation (input merged from parameters and body, each property with `x-in`), and
 * events from webhooks and callbacks. Nothing is fetched; what cannot be used becomes a warning.
 *
 * @param spec - a document from {@link parseSpec}
 * @param options - naming, the server to use, and which actions to keep in the connector body
 * @returns the draft; `draft.connector` passes `connectorCreateSchema`
 * @example
 * ```ts
 * const draft = buildConnectorDraft(await parseSpec(text), { tags: ['pets'] });
 * await admin.connectors.create(draft.connector);
 * ```
 */
export function buildConnectorDraft(spec: SpecDocument, options: BuildOptions = {}): ConnectorDraft {
  const warnings: SpecWarning[] = [...spec.warnings];
  spec.refs.useWarnings(warnings);
  const { url: apiBaseUrl, variables } = chooseBaseUrl(spec, options.server ?? {}, warnings);
  const context: InputContext = { inliner: new SchemaInliner(spec.refs), warnings, circular: new Set() };
  const actions = buildActions(spec.operations, context, (operation) => operationScopes(spec, operation));
  const used = actions.flatMap(({ action }) => action.scopes ?? []);
  const authMethods = withOperationScopes(buildAuthMethods(spec, apiBaseUrl, warnings), used);
  const events = buildEvents(spec, context);
  if (events.length > MAX_EVENTS) {
    warnings.push({
      code: SpecWarningCode.Truncated,
      message: `${events.length} events; a connector holds ${MAX_EVENTS}, so the connector body has the first ${MAX_EVENTS}: pick among draft.events`,
    });
  }
  for (const ref of context.circular) {
    warnings.push({
      code: SpecWarningCode.SchemaCut,
      message: `${ref} is circular: inputs show it once and stop there`,
    });
  }
  const name = truncate((options.name ?? spec.info.title).trim(), 100) || 'Untitled API';
  const slug = options.slug ?? keyOf(name).replace(/[._]+/g, '-');
  const domain = options.domain ?? domainOf(apiBaseUrl);
  const connector: ConnectorDraft['connector'] = {
    name,
    ...(SLUG.test(slug) ? { slug } : {}),
    description: truncate(spec.info.description ?? '', 1000),
    ...(domain ? { domain } : {}),
    visibility: 'private',
    authMethods,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    ...(variables.length > 0 ? { variables } : {}),
    actions: pickActions(actions, options, warnings),
    events: events.slice(0, MAX_EVENTS),
  };
  return { connector, actions, events, ...groupsOf(spec, actions), servers: serverCandidates(spec), warnings };
}

/**
 * A new connector body for a draft with another selection of actions, without building again.
 *
 * @example
 * ```ts
 * const body = selectActions(draft, { tags: ['contacts', 'deals'] });
 * ```
 */
export function selectActions(draft: ConnectorDraft, selection: ActionSelection): ConnectorDraft['connector'] {
  return { ...draft.connector, actions: pickActions(draft.actions, selection) };
}
