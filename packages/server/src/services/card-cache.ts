import type { Creator, Visibility } from '@plugboard/shared';

/** The most connectors whose built cards one process keeps; past it the longest kept go first. */
export const CARD_CACHE_MAX_ENTRIES = 10_000;

/** What a card shows of its connector's own row, built once per revision of that row. */
export interface BuiltCard {
  revision: number;
  name: string;
  visibility: Visibility;
  /** The card's connector fields as JSON object members (no braces): nothing secret, nothing session-specific. */
  members: string;
}

/**
 * Cards built from connector rows, each valid for the revision of the row it was built from. A reader passes the
 * revision it has just read with the rest of its listing, so an entry is never used once the row has changed,
 * whichever replica changed it: correctness rests on the database, not on a timer or an invalidation message.
 */
export class CardCache {
  readonly #entries = new Map<string, BuiltCard>();

  constructor(private readonly maxEntries = CARD_CACHE_MAX_ENTRIES) {}

  /** The card built from this revision of the connector, if this process has it. */
  get(connectorId: string, revision: number): BuiltCard | undefined {
    const built = this.#entries.get(connectorId);
    return built?.revision === revision ? built : undefined;
  }

  /** Keeps a card built from a connector's row, in place of any card of another revision. */
  put(connectorId: string, built: BuiltCard): void {
    this.#entries.delete(connectorId);
    this.#entries.set(connectorId, built);
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  /** How many cards are kept. */
  get size(): number {
    return this.#entries.size;
  }
}

/** The most characters of cards' JSON one process keeps in whole listings; past it the longest kept go first. */
export const CARD_LIST_CACHE_MAX_CHARS = 32 * 1024 * 1024;

/** A card of a kept listing: its connector's fields and creator, what no session or tenant changes. */
export interface ListedCard extends BuiltCard {
  connectorId: string;
  createdBy: Creator;
  /** The card's JSON up to its creator included, without the closing brace. */
  head: string;
}

/** An organization's cards, sorted, as read at one revision of its connectors. */
export interface CardList {
  revision: number;
  cards: readonly ListedCard[];
}

/**
 * Organizations' whole sorted listings of cards, each valid for the connectors revision it was read at. A reader
 * reads the organization's revision in the same query as its tenant's rows and uses a listing only at that
 * revision, which every write to what cards show moves in its own transaction: correctness rests on the database,
 * on every replica, never on a timer. Only the cards of sessions without a list of connectors are kept: one
 * listing per organization, nothing secret, nothing of a tenant or a session.
 */
export class CardListCache {
  readonly #entries = new Map<string, { list: CardList; chars: number }>();
  #chars = 0;

  constructor(private readonly maxChars = CARD_LIST_CACHE_MAX_CHARS) {}

  /** The organization's listing this process keeps, of whichever revision. */
  get(organizationId: string): CardList | undefined {
    return this.#entries.get(organizationId)?.list;
  }

  /** Keeps an organization's listing in place of any other, dropping the longest kept while over the bound. */
  put(organizationId: string, list: CardList): void {
    this.#drop(organizationId);
    const chars = list.cards.reduce((sum, card) => sum + card.head.length, 0);
    if (chars > this.maxChars) return;
    this.#entries.set(organizationId, { list, chars });
    this.#chars += chars;
    while (this.#chars > this.maxChars) this.#drop(this.#entries.keys().next().value as string);
  }

  #drop(organizationId: string): void {
    const entry = this.#entries.get(organizationId);
    if (!entry) return;
    this.#entries.delete(organizationId);
    this.#chars -= entry.chars;
  }

  /** How many organizations' listings are kept. */
  get size(): number {
    return this.#entries.size;
  }
}

/** The card caches of one set of services. */
export interface CardCaches {
  cards: CardCache;
  lists: CardListCache;
}

const caches = new WeakMap<object, CardCaches>();

/** The card caches of one set of services (one app): apps in one process, like replicas, keep their own. */
export function cardCachesOf(owner: object): CardCaches {
  let found = caches.get(owner);
  if (!found) {
    found = { cards: new CardCache(), lists: new CardListCache() };
    caches.set(owner, found);
  }
  return found;
}
