// Rate-limit buckets and the retention job's pruning, shared by every replica on the database.
import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { PruneCounts, RateLimitStore } from '../rate-limit-store.js';
import type { Db } from './tables.js';

// Parameters are cast: Postgres would otherwise guess integer types for them from the arithmetic.
const num = (value: number) => sql`CAST(${value} AS DOUBLE PRECISION)`;

/**
 * One statement, so the database serialises concurrent takers: a new bucket starts full less this token; an
 * existing one is refilled (capped at the burst; CASE rather than MIN/LEAST, which the engines spell
 * differently) and loses a token only when it has one, else no row changes and nothing is returned.
 * `full_ms` is when the bucket is full again, after which the retention job may forget it.
 */
function take(key: string, burst: number, ratePerMs: number, nowMs: number) {
  const [b, rate, now] = [num(burst), num(ratePerMs), num(nowMs)];
  const refilled = sql`CASE WHEN rate_limits.tokens + (${now} - rate_limits.updated_ms) * ${rate} > ${b} THEN ${b}
    ELSE rate_limits.tokens + (${now} - rate_limits.updated_ms) * ${rate} END`;
  return sql`INSERT INTO rate_limits (key, tokens, updated_ms, full_ms) VALUES (${key}, ${b} - 1, ${now}, ${now} + 1 / ${rate})
    ON CONFLICT (key) DO UPDATE SET tokens = ${refilled} - 1, updated_ms = ${now},
      full_ms = ${now} + (${b} - (${refilled} - 1)) / ${rate}
    WHERE ${refilled} >= 1
    RETURNING tokens`;
}

// Stand-ins for the parameters of `take`, told apart by value when its compiled statement is filled for a call.
const KEY = '\u0000key';
const BURST = -1;
const RATE = -2;
const NOW = -3;

/**
 * `take` built and compiled once per handle, then run with each call's values: Kysely would otherwise rebuild and
 * recompile it on every call through the proxy and actions.
 */
function compiledTake(db: Db) {
  let compiled: CompiledQuery<unknown> | undefined;
  return async (key: string, burst: number, ratePerMs: number, nowMs: number) => {
    compiled ??= take(KEY, BURST, RATE, NOW).compile(db);
    const values = new Map<unknown, unknown>([
      [KEY, key],
      [BURST, burst],
      [RATE, ratePerMs],
      [NOW, nowMs],
    ]);
    const parameters = compiled.parameters.map((stand) => {
      if (!values.has(stand)) throw new Error(`The rate-limit statement has a parameter that is no stand-in: ${stand}`);
      return values.get(stand);
    });
    return (await db.executeQuery({ ...compiled, parameters })).rows;
  };
}

/** Deletes up to `limit` rows of a table matching `where`, in a form both engines accept (no DELETE ... LIMIT). */
const prune = (table: string, key: string, where: RawBuilder<unknown>, limit: number) =>
  sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(key)} IN
    (SELECT ${sql.ref(key)} FROM ${sql.table(table)} WHERE ${where} LIMIT ${limit})`;

/** The {@link RateLimitStore} queries over one database handle. */
export function upkeepQueries(db: Db): RateLimitStore {
  const takeToken = compiledTake(db);
  return {
    async takeRateLimitToken(key, limit, now) {
      const nowMs = now.getTime();
      const rate = limit.perSecond / 1000;
      if ((await takeToken(key, limit.burst, rate, nowMs)).length > 0) return 0;
      const row = await db
        .selectFrom('rate_limits')
        .select(['tokens', 'updated_ms'])
        .where('key', '=', key)
        .executeTakeFirst();
      const refilled = Math.min(
        limit.burst,
        Number(row?.tokens ?? 0) + (nowMs - Number(row?.updated_ms ?? nowMs)) * rate,
      );
      return Math.max(1, Math.ceil((1 - refilled) / limit.perSecond));
    },
    async resetRateLimit(key) {
      await db.deleteFrom('rate_limits').where('key', '=', key).execute();
    },
    async pruneExpired(cutoffs, limit) {
      const { expiredBefore, eventsBefore, inboundIdsBefore } = cutoffs;
      const statements: Array<[keyof PruneCounts, RawBuilder<unknown>]> = [
        ['connectSessions', prune('connect_sessions', 'id', sql`expires_at < ${expiredBefore}`, limit)],
        ['consoleSessions', prune('console_sessions', 'id', sql`expires_at < ${expiredBefore}`, limit)],
        ['oauthFlows', prune('oauth_flows', 'id', sql`expires_at < ${expiredBefore}`, limit)],
        ['mcpTokens', prune('mcp_tokens', 'id', sql`expires_at < ${expiredBefore}`, limit)],
        // A revoked link stays until it expires, so its page keeps saying it was cancelled until then.
        ['connectLinks', prune('connect_links', 'id', sql`expires_at < ${expiredBefore}`, limit)],
        [
          'refreshLocks',
          prune('refresh_locks', 'connection_id', sql`expires_at < ${cutoffs.now.toISOString()}`, limit),
        ],
        ['deliveries', prune('deliveries', 'id', sql`created_at < ${eventsBefore}`, limit)],
        // An old event goes once no delivery of it is left: a recent resend keeps the event it sends.
        [
          'events',
          prune(
            'events',
            'id',
            sql`created_at < ${eventsBefore} AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`,
            limit,
          ),
        ],
        [
          'inboundIds',
          sql`DELETE FROM inbound_deliveries WHERE (connection_id, delivery_id) IN
            (SELECT connection_id, delivery_id FROM inbound_deliveries WHERE received_at < ${inboundIdsBefore}
             LIMIT ${limit})`,
        ],
        ['callLogs', prune('call_logs', 'id', sql`created_at < ${cutoffs.callLogsBefore}`, limit)],
        ['rateLimits', prune('rate_limits', 'key', sql`full_ms <= ${num(cutoffs.now.getTime())}`, limit)],
      ];
      const counts = {} as PruneCounts;
      for (const [kind, statement] of statements) {
        counts[kind] = Number((await statement.execute(db)).numAffectedRows ?? 0n);
      }
      return counts;
    },
  };
}
