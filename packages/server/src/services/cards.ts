// The connector cards a connect session sees, as the JSON the widget reads. A card's connector fields are built
// once per revision of its row, and a whole organization's sorted cards once per revision of its connectors
// (card-cache.ts); what depends on the session and its tenant is added per request.
import {
  AUTH_KIND_LABELS,
  type AuthMethod,
  type Creator,
  type PublicAuthMethod,
  publicVariables,
} from '@plugboard/shared';
import type { SessionAuth } from '../http/auth.js';
import type { CardListing, RevisedConnectorSummary, SessionRecord } from '../storage/store.js';
import { type BuiltCard, cardCachesOf, type ListedCard } from './card-cache.js';
import { creatorFrom } from './connectors.js';
import type { ServiceDeps } from './deps.js';

/**
 * Cards by name as people read them, then by id. `localeCompare` rather than an `Intl.Collator` made once: the
 * same order, and on Node 20 V8's own comparison of one-byte strings beats the collator's ICU call by about 4x.
 */
const byName = (a: { name: string; card: ListedCard }, b: { name: string; card: ListedCard }) =>
  a.name.localeCompare(b.name) || (a.card.connectorId < b.card.connectorId ? -1 : 1);

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
 * The listing's cards, sorted, without what the session and its tenant add. Connectors changed since their card
 * was built are read again, in a second query; read now, one may be newer than its state: its card is then at
 * least as recent, and the change that made it newer also moved the organization's revision past the listing's.
 */
async function listedCards(deps: ServiceDeps, listing: CardListing): Promise<ListedCard[]> {
  const cache = cardCachesOf(deps).cards;
  const stale = listing.cards.filter((state) => !cache.get(state.connectorId, state.revision));
  const rebuilt = new Map<string, BuiltCard>();
  const changed =
    stale.length > 0 ? await deps.store.getConnectorSummaries(stale.map((state) => state.connectorId)) : [];
  for (const record of changed) {
    const built = buildCard(deps, record);
    cache.put(record.id, built);
    rebuilt.set(record.id, built);
  }
  const creators = new Map<string, { json: string; creator: Creator }>();
  const cards: Array<{ name: string; card: ListedCard }> = [];
  for (const state of listing.cards) {
    // A connector deleted between the two reads has no card.
    const built = rebuilt.get(state.connectorId) ?? cache.get(state.connectorId, state.revision);
    if (!built) continue;
    let creator = creators.get(state.createdBy);
    if (!creator) {
      const createdBy = creatorFrom(state.createdBy, state.creator ?? undefined);
      creator = { json: JSON.stringify(createdBy), creator: createdBy };
      creators.set(state.createdBy, creator);
    }
    const head = `{${built.members},"createdBy":${creator.json}`;
    cards.push({
      name: built.name,
      card: { connectorId: state.connectorId, head, ...built, createdBy: creator.creator },
    });
  }
  cards.sort(byName);
  return cards.map(({ card }) => card);
}

/** The cards' JSON with what this session and its tenant see of each: whose they are, the tenant's use. */
function cardsJson(cards: readonly ListedCard[], listing: CardListing, session: SessionRecord): string {
  const mine = new Map<Creator, boolean>();
  const parts = cards.map((card) => {
    let isSession = mine.get(card.createdBy);
    if (isSession === undefined) {
      isSession = isCreator(card.createdBy, session);
      mine.set(card.createdBy, isSession);
    }
    const personal = card.visibility === 'private' && isSession;
    const count = listing.connectionCounts.get(card.connectorId) ?? 0;
    const reauth = listing.needsReauth.get(card.connectorId);
    const needsReauth = reauth ? JSON.stringify(reauth) : '[]';
    return `${card.head},"personal":${personal},"connectionCount":${count},"needsReauth":${needsReauth}}`;
  });
  return `[${parts.join(',')}]`;
}

/**
 * The cards a session may use, with its tenant's connection counts and connections to reconnect, sorted by name,
 * as a JSON array. One query per request: for a session without a list of connectors, it reads the organization's
 * connectors revision with the tenant's rows, and the cards themselves only when that revision is not the one of
 * the cards this process keeps for the organization. A second query reads only the connectors changed since their
 * cards were built.
 */
export async function sessionCardsJson(deps: ServiceDeps, { organization, session }: SessionAuth): Promise<string> {
  const lists = cardCachesOf(deps).lists;
  const kept = session.allowedConnectors === null ? lists.get(organization.id) : undefined;
  const listing = await deps.store.listCardStates(
    organization.id,
    session.tenantId,
    session.allowedConnectors,
    kept?.revision ?? null,
  );
  if (kept && listing.revision === kept.revision) return cardsJson(kept.cards, listing, session);
  const cards = await listedCards(deps, listing);
  if (listing.revision !== null) lists.put(organization.id, { revision: listing.revision, cards });
  return cardsJson(cards, listing, session);
}
