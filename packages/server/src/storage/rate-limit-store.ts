/** A token bucket's size and refill rate. */
export interface RateLimit {
  /** Requests allowed at once: the bucket's size. A whole number of at least 1. */
  burst: number;
  /** Tokens added back each second. Greater than 0. */
  perSecond: number;
}

/** What the retention job deletes, and when each kind of row has outlived its use. */
export interface PruneCutoffs {
  /** Now: refresh locks that lapsed and rate-limit buckets that are full again go. */
  now: Date;
  /** Connect sessions, console sessions, OAuth flows, MCP tokens and connect links that expired before this go. */
  expiredBefore: string;
  /** Events and deliveries created before this go. */
  eventsBefore: string;
  /** Inbound delivery ids (duplicate detection) received before this go. */
  inboundIdsBefore: string;
  /** Call log entries written before this go. */
  callLogsBefore: string;
}

/** How many rows of each kind one prune deleted. */
export interface PruneCounts {
  connectSessions: number;
  consoleSessions: number;
  oauthFlows: number;
  refreshLocks: number;
  events: number;
  deliveries: number;
  inboundIds: number;
  rateLimits: number;
  mcpTokens: number;
  connectLinks: number;
  callLogs: number;
}

/** Limits and upkeep kept in the database, so that every replica sharing it sees one state. */
export interface RateLimitStore {
  /**
   * Takes one token from the bucket named `key`, refilled at `limit.perSecond` up to `limit.burst` (a bucket
   * not seen before is full). Atomic across every handle on the database: concurrent callers never share a
   * token, so replicas together get one burst.
   *
   * @returns 0 when a token was taken, else the whole seconds (at least 1) until one is available; nothing
   *   is taken then
   */
  takeRateLimitToken(key: string, limit: RateLimit, now: Date): Promise<number>;
  /** Forgets a bucket, making it full again (after a successful sign-in, for instance). */
  resetRateLimit(key: string): Promise<void>;
  /**
   * Deletes at most `limit` rows of each kind past its cutoff (see {@link PruneCutoffs}); the retention job
   * calls it again while any kind hit the limit.
   */
  pruneExpired(cutoffs: PruneCutoffs, limit: number): Promise<PruneCounts>;
}
