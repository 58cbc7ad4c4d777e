import type Database from 'libsql';
import type { PruneCounts, PruneCutoffs, RateLimit, RateLimitStore } from '../rate-limit-store.js';

type Row = Record<string, unknown>;

// A bucket's tokens after refilling since its last take, capped at the burst. CASE rather than MIN/LEAST:
// the same text runs on SQLite and Postgres.
const REFILLED = `CASE WHEN rate_limits.tokens + (:now - rate_limits.updated_ms) * :rate > :burst THEN :burst
  ELSE rate_limits.tokens + (:now - rate_limits.updated_ms) * :rate END`;

// One statement, so the database serialises concurrent takers: a new bucket starts full less this token; an
// existing one is refilled and loses a token only when it has one (otherwise no row changes and nothing is
// returned). `full_ms` is when the bucket is full again, after which the retention job may forget it.
const TAKE = `INSERT INTO rate_limits (key, tokens, updated_ms, full_ms) VALUES (:key, :burst - 1, :now, :now + 1 / :rate)
  ON CONFLICT (key) DO UPDATE SET tokens = ${REFILLED} - 1, updated_ms = :now,
    full_ms = :now + (:burst - (${REFILLED} - 1)) / :rate
  WHERE ${REFILLED} >= 1
  RETURNING tokens`;

/** Deletes up to `limit` rows of a table matching `where`, in a form Postgres accepts too (no DELETE ... LIMIT). */
const pruneSql = (table: string, key: string, where: string) =>
  `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT :limit)`;

const PRUNE: Array<[keyof PruneCounts, string]> = [
  ['connectSessions', pruneSql('connect_sessions', 'id', 'expires_at < :expired')],
  ['consoleSessions', pruneSql('console_sessions', 'id', 'expires_at < :expired')],
  ['oauthFlows', pruneSql('oauth_flows', 'id', 'expires_at < :expired')],
  ['refreshLocks', pruneSql('refresh_locks', 'connection_id', 'expires_at < :nowIso')],
  ['deliveries', pruneSql('deliveries', 'id', 'created_at < :events')],
  // An old event goes once no delivery of it is left: a recent resend keeps the event it sends.
  [
    'events',
    pruneSql(
      'events',
      'id',
      'created_at < :events AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)',
    ),
  ],
  [
    'inboundIds',
    `DELETE FROM inbound_deliveries WHERE (connection_id, delivery_id) IN
     (SELECT connection_id, delivery_id FROM inbound_deliveries WHERE received_at < :inbound LIMIT :limit)`,
  ],
  ['rateLimits', pruneSql('rate_limits', 'key', 'full_ms <= :now')],
];

/** The SQLite side of {@link RateLimitStore}; the SQLite store hands these calls over. */
export class SqliteUpkeepTables implements RateLimitStore {
  constructor(private readonly db: Database.Database) {}

  async takeRateLimitToken(key: string, limit: RateLimit, now: Date) {
    const params = { key, burst: limit.burst, rate: limit.perSecond / 1000, now: now.getTime() };
    if (this.db.prepare(TAKE).get(params)) return 0;
    const row = this.db.prepare('SELECT tokens, updated_ms FROM rate_limits WHERE key = ?').get(key) as Row;
    const refilled = Math.min(limit.burst, Number(row.tokens) + (params.now - Number(row.updated_ms)) * params.rate);
    return Math.max(1, Math.ceil((1 - refilled) / limit.perSecond));
  }

  async resetRateLimit(key: string) {
    this.db.prepare('DELETE FROM rate_limits WHERE key = ?').run(key);
  }

  async pruneExpired(cutoffs: PruneCutoffs, limit: number) {
    const params: Record<string, string | number> = {
      limit,
      now: cutoffs.now.getTime(),
      nowIso: cutoffs.now.toISOString(),
      expired: cutoffs.expiredBefore,
      events: cutoffs.eventsBefore,
      inbound: cutoffs.inboundIdsBefore,
    };
    const counts = {} as PruneCounts;
    for (const [kind, sql] of PRUNE) {
      const statement = this.db.prepare(sql);
      // Only the parameters a statement names may be bound.
      const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`:${name}\\b`).test(sql)));
      counts[kind] = statement.run(used).changes;
    }
    return counts;
  }
}
