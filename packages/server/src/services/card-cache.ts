import type { Visibility } from '@plugboard/shared';

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

const caches = new WeakMap<object, CardCache>();

/** The card cache of one set of services (one app): apps in one process, like replicas, keep their own. */
export function cardCacheOf(owner: object): CardCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new CardCache();
    caches.set(owner, cache);
  }
  return cache;
}
