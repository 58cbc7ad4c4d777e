import type { Store } from './store.js';

/**
 * How long a resolved secret key or connect session is reused without reading the database again. It bounds
 * how late a revocation made on another replica takes effect: within this long, on every replica.
 */
export const AUTH_CACHE_TTL_MS = 1000;

/** How many resolved keys and sessions one process keeps; past it the oldest go first. */
export const AUTH_CACHE_MAX_ENTRIES = 10_000;

interface Entry<T> {
  promise: Promise<T | undefined>;
  value?: T;
  /** `performance.now()` past which the entry is read again. */
  until: number;
}

/** Lookups by hash kept for at most `ttlMs`, measured from when the read started; misses are not kept. */
class LookupCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly load: (hash: string) => Promise<T | undefined>,
    private readonly ttlMs: number,
  ) {}

  get(hash: string): Promise<T | undefined> {
    const started = performance.now();
    const cached = this.#entries.get(hash);
    if (cached && cached.until > started) return cached.promise;
    const entry: Entry<T> = { promise: this.load(hash), until: started + this.ttlMs };
    this.#entries.delete(hash);
    this.#entries.set(hash, entry);
    if (this.#entries.size > AUTH_CACHE_MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    entry.promise.then(
      (value) => {
        if (value === undefined) this.#drop(hash, entry);
        else entry.value = value;
      },
      () => this.#drop(hash, entry),
    );
    return entry.promise;
  }

  /** Drops every entry whose value matches, so that this process reads its change at once. */
  forget(matches: (value: T) => boolean) {
    for (const [hash, entry] of this.#entries) {
      if (entry.value === undefined || matches(entry.value)) this.#entries.delete(hash);
    }
  }

  #drop(hash: string, entry: Entry<T>) {
    if (this.#entries.get(hash) === entry) this.#entries.delete(hash);
  }
}

/**
 * The store with its two lookups of every authenticated request (the secret key, the connect session, each with
 * its organization) kept in process memory for at most {@link AUTH_CACHE_TTL_MS}. A revoked key, an ended session
 * or a changed organization is therefore seen by every replica within that bound, and at once by the replica
 * that made the change (its own writes drop what they change). Only hashes are keys, and the values hold no
 * secret: a key's hash, a session's hash, and their organization.
 */
export function cachingAuthLookups(store: Store, ttlMs = AUTH_CACHE_TTL_MS): Store {
  const apiKeys = new LookupCache((hash) => store.findApiKeyAuth(hash), ttlMs);
  const sessions = new LookupCache((hash) => store.findSessionAuth(hash), ttlMs);
  const forgetOrganization = (id: string) => {
    apiKeys.forget((found) => found.organization.id === id);
    sessions.forget((found) => found.organization.id === id);
  };
  // The store as prototype, not spread: every other method is the store's own at call time.
  const cached: Partial<Store> = {
    findApiKeyAuth: (hash) => apiKeys.get(hash),
    findSessionAuth: (hash) => sessions.get(hash),
    async deleteApiKey(organizationId, id) {
      const deleted = await store.deleteApiKey(organizationId, id);
      apiKeys.forget((found) => found.apiKey.id === id);
      return deleted;
    },
    async touchApiKey(id, at) {
      await store.touchApiKey(id, at);
      // The next request reads the new last use instead of recording it again.
      apiKeys.forget((found) => found.apiKey.id === id);
    },
    async updateOrganization(record) {
      await store.updateOrganization(record);
      forgetOrganization(record.id);
    },
  };
  return Object.assign(Object.create(store) as Store, cached);
}
