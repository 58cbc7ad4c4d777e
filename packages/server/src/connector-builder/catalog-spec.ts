import { findProvider, type Provider } from '@plugboard/catalog';
import { type AgentDraft, type AgentRun, placeholdersOf, templatedUrls } from '@plugboard/shared';
import type { ConnectorVariable } from '@plugboard/shared/types';
import type { EgressPolicy } from '../egress/index.js';
import { type DiscoveryNote, discoverSpec } from './discover.js';
import { draftFromProvider, draftFromSpec } from './draft.js';

/** A draft built from a provider's published spec, with where it came from. */
export type CatalogSpecDraft = ReturnType<typeof draftFromSpec> & { specUrl: string };

type Built = Pick<AgentRun, 'draft' | 'groups'>;

/**
 * The provider's webhook signature (curated in the catalog: specs rarely say how a provider signs, and a header
 * heuristic can be wrong) proposed on every webhook event of the draft; the member sees it in review and can edit
 * or drop it.
 */
function withCatalogSigning(provider: Provider, events: AgentDraft['events']): AgentDraft['events'] {
  const signature = provider.webhookSignature;
  if (!signature) return events;
  return events.map((event) =>
    event.delivery.kind === 'webhook' ? { ...event, delivery: { kind: 'webhook', signature } } : event,
  );
}

/**
 * Puts what the catalog knows over a draft built from the provider's spec: its name, slug, domain and icon, its
 * auth methods and scopes (curated: the published specs are silent or generic about them), its webhook signature,
 * and its verify action (marked on the spec's action of the same method and path, else added). The spec's base
 * URL stays when it has one, since the spec's paths are relative to it.
 */
export function withCatalog(provider: Provider, built: Built): Built {
  const catalog = draftFromProvider(provider).draft;
  const draft = built.draft;
  if (!catalog || !draft) return built;
  const verify = catalog.actions.find((action) => action.verify);
  let marked = false;
  const actions = draft.actions.map(({ verify: _verify, ...action }) => {
    if (marked || !verify || action.method !== verify.method || action.path !== verify.path) return action;
    marked = true;
    return { ...action, verify: true };
  });
  if (verify && !marked && !actions.some((action) => action.key === verify.key)) actions.unshift(verify);
  const merged: AgentDraft = {
    ...draft,
    name: catalog.name,
    ...(catalog.slug ? { slug: catalog.slug } : {}),
    description: catalog.description || draft.description,
    ...(catalog.domain ? { domain: catalog.domain } : {}),
    ...(catalog.iconUrl ? { iconUrl: catalog.iconUrl } : {}),
    authMethods: catalog.authMethods,
    apiBaseUrl: draft.apiBaseUrl && !draft.apiBaseUrl.includes('{') ? draft.apiBaseUrl : (catalog.apiBaseUrl ?? null),
    actions,
    events: withCatalogSigning(provider, draft.events),
  };
  const variables = usedVariables(merged, [...(catalog.variables ?? []), ...(draft.variables ?? [])]);
  return { ...built, draft: { ...merged, ...(variables.length > 0 ? { variables } : { variables: undefined }) } };
}

/** The variables (the catalog's first) whose placeholders the merged draft's URLs use, once each. */
function usedVariables(draft: AgentDraft, candidates: ConnectorVariable[]): ConnectorVariable[] {
  const used = new Set(templatedUrls(draft).flatMap(([, url]) => placeholdersOf(url)));
  const seen = new Set<string>();
  return candidates.filter((variable) => {
    if (!used.has(variable.name) || seen.has(variable.name)) return false;
    seen.add(variable.name);
    return true;
  });
}

/**
 * Fetches the provider's published spec (its catalog `openApiUrl`, through the egress policy) and builds from it,
 * the catalog's knowledge on top. Undefined when the provider publishes none or it cannot be fetched or read:
 * the catalog entry is then the draft.
 */
export async function draftFromCatalogSpec(
  policy: EgressPolicy,
  provider: Provider,
  note: DiscoveryNote,
): Promise<CatalogSpecDraft | undefined> {
  if (!provider.openApiUrl) return undefined;
  note('info', `Fetching ${provider.name}'s published spec at ${provider.openApiUrl}`);
  const found = await discoverSpec(policy, provider.openApiUrl, note);
  if (!found.found) {
    note('warning', `${found.message}; using the catalog entry`);
    return undefined;
  }
  const built = draftFromSpec(found.spec);
  return { ...built, ...withCatalog(provider, built), specUrl: found.url };
}

/**
 * An uploaded spec of an API the catalog knows (its domain or base URL names a provider) gets the provider's
 * webhook signature on its webhook events, and, when it declares no usable security (many published ones,
 * GitHub's among them), the provider's auth methods: "no auth" for an API the catalog knows takes OAuth 2.0 and
 * tokens would make a connector that cannot connect.
 */
export function withCatalogAuth(built: Built): Built {
  const draft = built.draft;
  if (!draft) return built;
  const provider =
    (draft.apiBaseUrl ? findProvider(draft.apiBaseUrl) : undefined) ??
    (draft.domain ? findProvider(draft.domain) : undefined);
  if (!provider) return built;
  const events = withCatalogSigning(provider, draft.events);
  const catalog = draftFromProvider(provider).draft;
  const silent = !draft.authMethods.some((method) => method.kind !== 'none');
  const authMethods = silent && catalog ? catalog.authMethods : draft.authMethods;
  return { ...built, draft: { ...draft, authMethods, events } };
}
