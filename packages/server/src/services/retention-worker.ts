import type { PruneCounts } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';
import { RoundWorker } from './round-worker.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long the retention job keeps rows that have outlived their use. */
export interface RetentionPolicy {
  /** Days events and their deliveries are kept (`PLUGBOARD_RETENTION_DAYS`). @default 30 */
  eventDays: number;
  /** Days call log entries are kept (`PLUGBOARD_LOG_RETENTION_DAYS`). @default 30 */
  callLogDays: number;
  /**
   * How long expired connect sessions, console sessions, OAuth flows, MCP tokens and connect links stay before
   * they are deleted, so that a widget still hears `session_expired` (not `unauthenticated`), a late poll still
   * reads a flow's result and an expired link's page still says it expired; also how long inbound delivery ids
   * are remembered to drop duplicates. @default 86_400_000 (a day)
   */
  graceMs: number;
  /** Rows of each kind deleted per statement; a round repeats until a batch comes back short. @default 1000 */
  batchSize: number;
}

/** The retention the server uses unless `createApp` is given another. */
export const defaultRetentionPolicy: RetentionPolicy = {
  eventDays: 30,
  callLogDays: 30,
  graceMs: DAY_MS,
  batchSize: 1000,
};

// A round stops after this many batches even if rows remain; the next round carries on.
const MAX_BATCHES = 100;

const noneYet = (): PruneCounts => ({
  connectSessions: 0,
  consoleSessions: 0,
  oauthFlows: 0,
  refreshLocks: 0,
  events: 0,
  deliveries: 0,
  inboundIds: 0,
  rateLimits: 0,
  mcpTokens: 0,
  connectLinks: 0,
  callLogs: 0,
});

/**
 * Deletes what has outlived its use, in batches: expired connect sessions, console sessions, OAuth flows (with
 * their consumed state), MCP tokens and connect links after the grace period, lapsed refresh locks, rate-limit buckets that are full
 * again, inbound delivery ids after the grace period, events and deliveries older than `eventDays`, and call log
 * entries older than `callLogDays`.
 * Every replica may run it: deletes of rows another one already deleted change nothing.
 */
export class RetentionWorker extends RoundWorker<PruneCounts> {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly policy: RetentionPolicy = defaultRetentionPolicy,
  ) {
    super();
  }

  /** Prunes until nothing past its cutoff is left (or the round's batch budget is spent); returns the counts. */
  protected override async round(): Promise<PruneCounts> {
    const now = this.deps.now();
    const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const cutoffs = {
      now,
      expiredBefore: before(this.policy.graceMs),
      eventsBefore: before(this.policy.eventDays * DAY_MS),
      inboundIdsBefore: before(this.policy.graceMs),
      callLogsBefore: before(this.policy.callLogDays * DAY_MS),
    };
    const totals = noneYet();
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const counts = await this.deps.store.pruneExpired(cutoffs, this.policy.batchSize);
      for (const kind of Object.keys(totals) as Array<keyof PruneCounts>) totals[kind] += counts[kind];
      if (Object.values(counts).every((count) => count < this.policy.batchSize)) break;
    }
    if (Object.values(totals).some((count) => count > 0))
      this.deps.logger.info({ event: 'retention.pruned', ...totals });
    return totals;
  }
}
