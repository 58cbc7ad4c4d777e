import { join } from 'node:path';
import { type AgentLimits, MAX_AGENT_SPEC_BYTES, MAX_CONNECTOR_ACTIONS, MAX_CONNECTOR_EVENTS } from '@plugboard/shared';
import type { RateLimits } from './services/rate-limits.js';
import type { RateLimit } from './storage/store.js';

/** Settings read from the environment. */
export interface ServerConfig {
  /** @default 4400 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /**
   * `PLUGBOARD_DATABASE_URL`: a SQLite path or `file:` URL, or a Postgres URL (`postgres://` or
   * `postgresql://`). @default 'file:.plugboard/plugboard.db'
   */
  databaseUrl: string;
  /** `PLUGBOARD_DATABASE_POOL_SIZE`: Postgres only, the most connections each process opens. @default 10 */
  databasePoolSize: number;
  /** Folder for local data: the SQLite file and the development master key. @default '.plugboard' */
  dataDir: string;
  /**
   * `PLUGBOARD_PUBLIC_URL`: the server's public URL, which fixes the OAuth redirect URI. `plugboard serve`
   * requires it when `NODE_ENV=production` (see {@link requirePublicUrl}) and falls back to its own listen
   * address elsewhere.
   */
  publicUrl?: string;
  /** `PLUGBOARD_EGRESS_ALLOW_HOSTS`: comma-separated `host[:port]` entries for the egress allowlist. @default [] */
  egressAllowHosts: string[];
  /**
   * `PLUGBOARD_ALLOW_INSECURE_OAUTH=1` (or `true`): OAuth connectors may use plain-http endpoints, for a local
   * provider during development; never set it in production. @default false
   */
  allowInsecureOAuthEndpoints: boolean;
  /**
   * `PLUGBOARD_LLM_URL` (an OpenAI-compatible API, e.g. `https://api.openai.com/v1`), `PLUGBOARD_LLM_API_KEY` and
   * `PLUGBOARD_LLM_MODEL` (default `gpt-4o-mini`): the connector agent's optional model. Set only when URL and key are.
   */
  llm?: { url: string; apiKey: string; model: string };
  /**
   * `PLUGBOARD_TRUSTED_PROXY_HOPS`: how many proxies in front of the server append to `X-Forwarded-For`; the
   * client address is that many entries from the right. 0 ignores the header. @default 0
   */
  trustedProxyHops: number;
  /** `PLUGBOARD_RETENTION_DAYS`: days events and deliveries are kept. @default 30 */
  retentionDays: number;
  /** `PLUGBOARD_LOG_RETENTION_DAYS`: days call log entries are kept. @default 30 */
  logRetentionDays: number;
  /**
   * `GET /metrics`, off unless one of these is set: `PLUGBOARD_METRICS_TOKEN` (at least 16 characters) requires
   * `Authorization: Bearer <token>`; `PLUGBOARD_METRICS_PORT` serves it on a listener of its own (on
   * `PLUGBOARD_METRICS_HOST`, default 127.0.0.1) rather than beside the API. With both, that listener asks for the token too.
   */
  metrics?: MetricsConfig;
  /** `PLUGBOARD_INBOUND_MAX_BYTES`: the largest webhook body an inbound URL accepts. @default 1_048_576 */
  inboundMaxBytes: number;
  /**
   * Budgets given as `BURST,PER_MINUTE` (e.g. `20,2`): `PLUGBOARD_RATE_LIMIT_SIGN_IN` (console sign-in
   * attempts per client address), `PLUGBOARD_RATE_LIMIT_INBOUND` (webhooks per inbound URL) and
   * `PLUGBOARD_RATE_LIMIT_SESSIONS` (connect sessions minted per organization). Unset ones keep their defaults.
   */
  rateLimits: Partial<RateLimits>;
  /**
   * `PLUGBOARD_AGENT_RUN_LEASE_SECONDS`: how long the replica working on a connector agent run is trusted without
   * a heartbeat; after that any replica fails the run as interrupted. @default 30
   */
  agentRunLeaseSeconds: number;
  /**
   * The connector agent's bounds, stated by `GET /v1/agent/limits`: `PLUGBOARD_AGENT_MAX_SPEC_BYTES` (the
   * largest uploaded spec, at most the default 52428800), `PLUGBOARD_AGENT_MAX_BUILDS` (runs of one organization
   * building at once across every replica; default 2), `PLUGBOARD_AGENT_MAX_ACTIONS` and
   * `PLUGBOARD_AGENT_MAX_EVENTS` (the most a built connector keeps, at most the defaults 2000 and 500).
   */
  agentLimits: AgentLimits;
  /**
   * `PLUGBOARD_RATE_LIMIT_TENANT_CALLS` as `BURST,PER_MINUTE`: each tenant's budget of calls to third-party APIs
   * (actions, the proxy, MCP tools), shared by every replica. @default 60 at once, then 600 a minute
   */
  tenantRateLimit?: RateLimit;
  /**
   * How often each worker of `plugboard serve` and `plugboard worker` runs, in milliseconds; 0 turns one off:
   * `PLUGBOARD_DELIVERY_INTERVAL_MS` (default 1000), `PLUGBOARD_POLLING_INTERVAL_MS` (15000),
   * `PLUGBOARD_REFRESH_INTERVAL_MS` (60000) and `PLUGBOARD_RETENTION_INTERVAL_MS` (3600000).
   */
  workerIntervals: WorkerIntervals;
  /**
   * `PLUGBOARD_WORKER_LEASE_SECONDS`: how long a worker's claim on a delivery or a poll lasts; the work of a
   * replica that died is taken up by another once it lapses. @default 40 for deliveries, the event's interval for polls
   */
  workerLeaseSeconds?: number;
}

/** How often each background worker runs, in milliseconds (0: never). */
export interface WorkerIntervals {
  deliveryIntervalMs: number;
  pollingIntervalMs: number;
  backgroundRefreshMs: number;
  retentionIntervalMs: number;
}

/** The variable and default interval of each worker. */
const WORKER_INTERVAL_VARIABLES = {
  deliveryIntervalMs: ['PLUGBOARD_DELIVERY_INTERVAL_MS', 1_000],
  pollingIntervalMs: ['PLUGBOARD_POLLING_INTERVAL_MS', 15_000],
  backgroundRefreshMs: ['PLUGBOARD_REFRESH_INTERVAL_MS', 60_000],
  retentionIntervalMs: ['PLUGBOARD_RETENTION_INTERVAL_MS', 60 * 60_000],
} as const satisfies Record<keyof WorkerIntervals, readonly [string, number]>;

function workerIntervalsOf(env: NodeJS.ProcessEnv): WorkerIntervals {
  const of = (key: keyof WorkerIntervals) => {
    const [name, fallback] = WORKER_INTERVAL_VARIABLES[key];
    return wholeNumber(env, name, fallback, 0);
  };
  return {
    deliveryIntervalMs: of('deliveryIntervalMs'),
    pollingIntervalMs: of('pollingIntervalMs'),
    backgroundRefreshMs: of('backgroundRefreshMs'),
    retentionIntervalMs: of('retentionIntervalMs'),
  };
}

const RATE_LIMIT_VARIABLES = {
  PLUGBOARD_RATE_LIMIT_SIGN_IN: 'signInPerClient',
  PLUGBOARD_RATE_LIMIT_INBOUND: 'inboundPerUrl',
  PLUGBOARD_RATE_LIMIT_SESSIONS: 'sessionsPerOrganization',
} as const;

/** Where and behind what `GET /metrics` is served (see {@link ServerConfig.metrics}). */
export interface MetricsConfig {
  token?: string;
  /** A port of its own; without it `/metrics` is served beside the API (and then needs the token). */
  port?: number;
  host: string;
}

/** The shortest metrics token accepted: a guessable one would hand out what the server is doing. */
const MIN_METRICS_TOKEN = 16;

/** `GET /metrics`'s configuration, or undefined when it is off. @throws Error for a short token or a bad port */
function metricsOf(env: NodeJS.ProcessEnv): MetricsConfig | undefined {
  const token = env.PLUGBOARD_METRICS_TOKEN || undefined;
  const hasPort = Boolean(env.PLUGBOARD_METRICS_PORT);
  if (!token && !hasPort) return undefined;
  if (token && token.length < MIN_METRICS_TOKEN)
    throw new Error(`PLUGBOARD_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN} characters`);
  const port = wholeNumber(env, 'PLUGBOARD_METRICS_PORT', 0, 0);
  if (port > 65_535) throw new Error(`PLUGBOARD_METRICS_PORT must be a port number, not "${port}"`);
  return {
    ...(token ? { token } : {}),
    ...(hasPort ? { port } : {}),
    host: env.PLUGBOARD_METRICS_HOST || '127.0.0.1',
  };
}

/** A `BURST,PER_MINUTE` budget. @throws Error unless the burst is a whole number >= 1 and the rate > 0 */
function parseRateLimit(name: string, value: string): RateLimit {
  const [burst, perMinute, extra] = value.split(',').map((part) => Number(part.trim()));
  if (extra !== undefined || !Number.isInteger(burst) || (burst ?? 0) < 1 || !((perMinute ?? 0) > 0))
    throw new Error(`${name} must be BURST,PER_MINUTE (e.g. 20,2), not "${value}"`);
  return { burst: burst as number, perSecond: (perMinute as number) / 60 };
}

/** The connector agent's bounds; each may be lowered, the ones the API's schemas also hold up to their default. */
function agentLimitsOf(env: NodeJS.ProcessEnv): AgentLimits {
  const atMost = (name: string, fallback: number, min: number) => {
    const value = wholeNumber(env, name, fallback, min);
    if (value > fallback) throw new Error(`${name} must be at most ${fallback}, not "${env[name]}"`);
    return value;
  };
  return {
    maxSpecBytes: atMost('PLUGBOARD_AGENT_MAX_SPEC_BYTES', MAX_AGENT_SPEC_BYTES, 1024),
    maxBuildsPerOrganization: wholeNumber(env, 'PLUGBOARD_AGENT_MAX_BUILDS', 2, 1),
    maxActions: atMost('PLUGBOARD_AGENT_MAX_ACTIONS', MAX_CONNECTOR_ACTIONS, 1),
    maxEvents: atMost('PLUGBOARD_AGENT_MAX_EVENTS', MAX_CONNECTOR_EVENTS, 1),
  };
}

/** A whole number of at least `min` from the environment, or the default when unset. @throws Error otherwise */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min}, not "${raw}"`);
  return value;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Reads the server's configuration from environment variables.
 *
 * @throws Error when `PORT` is not a port, or a number or budget variable is malformed
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const dataDir = env.PLUGBOARD_DATA_DIR || '.plugboard';
  const port = Number(env.PORT || 4400);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicUrl = env.PLUGBOARD_PUBLIC_URL || undefined;
  const egressAllowHosts = (env.PLUGBOARD_EGRESS_ALLOW_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const rateLimits: Partial<RateLimits> = {};
  for (const [name, limit] of Object.entries(RATE_LIMIT_VARIABLES)) {
    const value = env[name];
    if (value) rateLimits[limit] = parseRateLimit(name, value);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.PLUGBOARD_DATABASE_URL || `file:${join(dataDir, 'plugboard.db')}`,
    databasePoolSize: wholeNumber(env, 'PLUGBOARD_DATABASE_POOL_SIZE', 10, 1),
    dataDir,
    ...(publicUrl ? { publicUrl } : {}),
    egressAllowHosts,
    allowInsecureOAuthEndpoints: /^(1|true)$/i.test(env.PLUGBOARD_ALLOW_INSECURE_OAUTH ?? ''),
    ...(env.PLUGBOARD_LLM_URL && env.PLUGBOARD_LLM_API_KEY
      ? {
          llm: {
            url: env.PLUGBOARD_LLM_URL,
            apiKey: env.PLUGBOARD_LLM_API_KEY,
            model: env.PLUGBOARD_LLM_MODEL || 'gpt-4o-mini',
          },
        }
      : {}),
    trustedProxyHops: wholeNumber(env, 'PLUGBOARD_TRUSTED_PROXY_HOPS', 0, 0),
    retentionDays: wholeNumber(env, 'PLUGBOARD_RETENTION_DAYS', 30, 1),
    logRetentionDays: wholeNumber(env, 'PLUGBOARD_LOG_RETENTION_DAYS', 30, 1),
    ...optional('metrics', metricsOf(env)),
    inboundMaxBytes: wholeNumber(env, 'PLUGBOARD_INBOUND_MAX_BYTES', 1024 * 1024, 1024),
    rateLimits,
    agentRunLeaseSeconds: wholeNumber(env, 'PLUGBOARD_AGENT_RUN_LEASE_SECONDS', 30, 1),
    agentLimits: agentLimitsOf(env),
    ...(env.PLUGBOARD_RATE_LIMIT_TENANT_CALLS
      ? { tenantRateLimit: parseRateLimit('PLUGBOARD_RATE_LIMIT_TENANT_CALLS', env.PLUGBOARD_RATE_LIMIT_TENANT_CALLS) }
      : {}),
    workerIntervals: workerIntervalsOf(env),
    ...(env.PLUGBOARD_WORKER_LEASE_SECONDS
      ? { workerLeaseSeconds: wholeNumber(env, 'PLUGBOARD_WORKER_LEASE_SECONDS', 40, 1) }
      : {}),
  };
}

/**
 * The configured public URL, required in production: there the OAuth redirect URI must be the deployment's
 * real address, and it must never come from request headers.
 *
 * @returns the public URL, or undefined outside production when none is set
 * @throws Error when `NODE_ENV=production` and `PLUGBOARD_PUBLIC_URL` is not set
 * @example
 * ```ts
 * const publicUrl = requirePublicUrl(loadConfig(process.env), process.env) ?? listenUrl;
 * ```
 */
export function requirePublicUrl(config: ServerConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (!config.publicUrl && env.NODE_ENV === 'production') {
    throw new Error(
      'Set PLUGBOARD_PUBLIC_URL to the URL the server is reached at (e.g. https://plugboard.example.com): ' +
        'it fixes the OAuth redirect URI, which must not come from request headers.',
    );
  }
  return config.publicUrl;
}
