// The connector cards a connect session sees, as the JSON the widget reads. A card's connector fields are built
// once per revision of its row (card-cache.ts); what depends on the session and its tenant is added per request.
import {
  AUTH_KIND_LABELS,
  type AuthMethod,
  type Creator,
  type PublicAuthMethod,
  publicVariables,
} from '@plugboard/shared';
import type { SessionAuth } from '../http/auth.js';
import type { CardState, RevisedConnectorSummary, SessionRecord } from '../storage/store.js';
import { type BuiltCard, cardCacheOf } from './card-cache.js';
import { creatorFrom } from './connectors.js';
import type { ServiceDeps } from './deps.js';

/**
 * Cards by name as people read them, then by id. `localeCompare` rather than an `Intl.Collator` made once: the
 * same order, and on Node 20 V8's own comparison of one-byte strings beats the collator's ICU call by about 4x.
 */
const byName = (a: { built: BuiltCard; state: CardState }, b: { built: BuiltCard; state: CardState }) =>
  a.built.name.localeCompare(b.built.name) || (a.state.connectorId < b.state.connectorId ? -1 : 1);

function publicAuthMethod(deps: ServiceDeps, method: AuthMethod): PublicAuthMethod {
  const label = method.label ?? AUTH_KIND_LABELS[method.kind];
  const base = { id: method.id, kind: method.kind, label, isDefault: method.isDefault };
  if (method.kind === 'apiKey') return { ...base, in: method.in, name: method.name };
  if (method.kind === 'custom') return { ...base, fields: deps.customAuth?.[method.handler]?.fields ?? [] };
  return base;
}

/** What a card shows of its connector: what to draw, never configuration. */
function buildCard(deps: ServiceDeps, record: RevisedConnectorSummary): BuiltCard {
  const { id, slug, name, description, domain, visibility, iconUrl, revision } = record;
  const own = {
    ...{ id, slug, name, description, domain, visibility, iconUrl },
    authMethods: record.authMethods.map((method) => publicAuthMethod(deps, method)),
    variables: publicVariables(record, record.variables ?? []),
  };
  return { revision, name, visibility, members: JSON.stringify(own).slice(1, -1) };
}

/**
 * Whether the session's end user created the connector: a console member's test session by member id; a
 * vendor's session by the member whose external id is the session's end user.
 */
function isCreator(createdBy: Creator, session: SessionRecord): boolean {
  if (session.memberId) return createdBy.id === session.memberId;
  return createdBy.externalId !== null && createdBy.externalId === session.endUserId;
}

/**
 * One card's JSON: its connector's built fields, then what this session and its tenant see of it. A listing's
 * cards mostly share a few creators, whose JSON `creators` keeps for the request.
 */
function cardJson(built: BuiltCard, state: CardState, session: SessionRecord, creators: Map<string, CreatorJson>) {
  let creator = creators.get(state.createdBy);
  if (!creator) {
    const createdBy = creatorFrom(state.createdBy, state.creator ?? undefined);
    creator = { json: JSON.stringify(createdBy), isSession: isCreator(createdBy, session) };
    creators.set(state.createdBy, creator);
  }
  const personal = built.visibility === 'private' && creator.isSession;
  const needsReauth = state.needsReauth.length === 0 ? '[]' : JSON.stringify(state.needsReauth);
  const tenant = `"connectionCount":${state.connectionCount},"needsReauth":${needsReauth}`;
  return `{${built.members},"createdBy":${creator.json},"personal":${personal},${tenant}}`;
}

/** A creator's JSON, and whether the session's end user is that creator. */
interface CreatorJson {
  json: string;
  isSession: boolean;
}

/**
 * The cards a session may use, with its tenant's connection counts and connections to reconnect, sorted by name,
 * as a JSON array. One query per request; a second reads only the connectors changed since their cards were built.
 */
export async function sessionCardsJson(deps: ServiceDeps, { organization, session }: SessionAuth): Promise<string> {
  const states = await deps.store.listCardStates(organization.id, session.tenantId, session.allowedConnectors);
  const cache = cardCacheOf(deps);
  const stale = states.filter((state) => !cache.get(state.connectorId, state.revision));
  // Read now, a connector may be newer than its state: its card is then at least as recent as the state.
  const rebuilt = new Map<string, BuiltCard>();
  const changed =
    stale.length > 0 ? await deps.store.getConnectorSummaries(stale.map((state) => state.connectorId)) : [];
  for (const record of changed) {
    const built = buildCard(deps, record);
    cache.put(record.id, built);
    rebuilt.set(record.id, built);
  }
  const cards: Array<{ built: BuiltCard; state: CardState }> = [];
  for (const state of states) {
    // A connector deleted between the two reads has no card.
    const built = rebuilt.get(state.connectorId) ?? cache.get(state.connectorId, state.revision);
    if (built) cards.push({ built, state });
  }
  cards.sort(byName);
  const creators = new Map<string, CreatorJson>();
  return `[${cards.map(({ built, state }) => cardJson(built, state, session, creators)).join(',')}]`;
}
