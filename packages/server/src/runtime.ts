import type { AgentLimits } from '@plugboard/shared';
import { AgentService } from './connector-builder/agent-service.js';
import { AgentModel, type LlmOptions } from './connector-builder/model.js';
import type { Keyring } from './crypto/keyring.js';
import type { CustomAuthRegistry } from './custom-auth/handler.js';
import { createEgressPolicy, type OutboundOptions } from './egress/index.js';
import { type Logger, silentLogger } from './logger.js';
import { CallLogWriter, type CallLogWriterOptions } from './services/call-log-writer.js';
import { type DeliveryPolicy, DeliveryWorker, defaultDeliveryPolicy } from './services/delivery-worker.js';
import { egressOf, type ServiceDeps } from './services/deps.js';
import { Metrics } from './services/metrics.js';
import type { OAuthConfig } from './services/oauth-flows.js';
import { PollingWorker } from './services/polling-worker.js';
import type { RateLimits } from './services/rate-limits.js';
import { RefreshWorker } from './services/refresh-worker.js';
import { defaultRetentionPolicy, type RetentionPolicy, RetentionWorker } from './services/retention-worker.js';
import type { RoundOutcome, RoundWorker } from './services/round-worker.js';
import { defaultTenantRateLimit, type TenantRateLimit, TenantRateLimiter } from './services/tenant-rate-limit.js';
import { defaultRefreshPolicy, type RefreshPolicy, TokenRefresher } from './services/token-refresh.js';
import { cachingAuthLookups } from './storage/auth-cache.js';
import type { Store } from './storage/store.js';

/** The background workers a {@link Runtime} can run. */
export type WorkerName = 'delivery' | 'polling' | 'retention' | 'refresh';

/** Options of {@link createRuntime}: the services, and how often each worker runs. */
export interface RuntimeOptions {
  store: Store;
  keyring: Keyring;
  /** @default a logger that discards everything */
  logger?: Logger;
  /** The clock, replaceable in tests. @default () => new Date() */
  now?: () => Date;
  /**
   * The server's public URL; the OAuth redirect URI is `<publicUrl>/v1/oauth/callback`, one per deployment.
   * It is never taken from a request (a Host header is the caller's to forge): without it, OAuth flows do
   * not start. `plugboard serve` passes `PLUGBOARD_PUBLIC_URL`, or its own listen address outside production.
   * @example 'https://plugboard.example.com'
   */
  publicUrl?: string;
  /**
   * Let OAuth connectors use plain-http endpoints, for a local provider sandbox; without it, saving a connector
   * whose authorization, token or revocation URL is not https answers 400 `validation_failed` on that field.
   * Only http versus https: which hosts may be called is the egress policy's business (`egressAllowHosts`).
   * `plugboard serve` reads `PLUGBOARD_ALLOW_INSECURE_OAUTH=1`. Development only. @default false
   */
  allowInsecureOAuthEndpoints?: boolean;
  /**
   * `host` or `host:port` entries the server may send requests to even though they resolve to loopback,
   * private or other internal addresses, e.g. a local provider sandbox at `127.0.0.1:4401`. Every other
   * OAuth authorization, token and revocation URL must resolve to public addresses only.
   * @default []
   * @example ['127.0.0.1:4401']
   */
  egressAllowHosts?: string[];
  /** How tokens are refreshed. @default defaultRefreshPolicy */
  refreshPolicy?: Partial<RefreshPolicy>;
  /** Custom auth handlers by the name connectors give in `{ kind: 'custom', handler }`. */
  customAuth?: CustomAuthRegistry;
  /** Refresh due tokens in the background every this many milliseconds; 0 turns it off. @default 0 */
  backgroundRefreshMs?: number;
  /**
   * Send due event deliveries from the database every this many milliseconds; 0 turns the worker off (pending
   * deliveries then wait in the database for a process that runs it). @default 0
   * @example 1000
   */
  deliveryIntervalMs?: number;
  /**
   * How long a worker's claim on a delivery or a poll lasts: the work of a process that died mid-round is taken up
   * by another (or by this one after a restart) once it lapses. Deliveries send with a timeout of at most half of
   * it, so a send never outlives its claim. `plugboard serve` reads `PLUGBOARD_WORKER_LEASE_SECONDS`.
   * @default 40 s for deliveries (their timeout plus 30 s); each polled event's own interval for polls
   */
  workerLeaseMs?: number;
  /** Retries, backoff and timeout of event deliveries. @default defaultDeliveryPolicy */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  /**
   * Look for due polling events (connector events with `delivery.kind: 'polling'`) every this many
   * milliseconds; each event's own `intervalSeconds` sets how often it runs. 0 turns polling off. @default 0
   */
  pollingIntervalMs?: number;
  /**
   * Delete what has outlived its use every this many milliseconds (see {@link RetentionWorker}): expired
   * sessions, OAuth flows and console sessions, old events and deliveries, spent rate-limit buckets. 0 turns
   * the job off; call log entries older than `retention.callLogDays` go too. @default 0
   */
  retentionIntervalMs?: number;
  /** How long events and deliveries, expired rows and inbound delivery ids are kept. @default defaultRetentionPolicy */
  retention?: Partial<RetentionPolicy>;
  /**
   * Called after each round of a worker ends, failed rounds included: a way to follow background work (metrics,
   * tests) without guessing how long a round takes.
   */
  onWorkerRound?: (worker: WorkerName, outcome: RoundOutcome<unknown>) => void;
  /** Timeout, response size cap and redirect limit of action and proxy calls. @default 15 s, 5 MB, 5 redirects */
  outbound?: OutboundOptions;
  /**
   * Budgets kept in the database, so that they hold across replicas: console sign-ins per client address and per
   * email, webhooks per inbound URL, connect sessions minted per organization. Over one, 429 with `Retry-After`.
   * @default defaultRateLimits
   */
  rateLimits?: Partial<RateLimits>;
  /** Each tenant's budget of calls to third-party APIs (actions, proxy, MCP tools), kept in the database; over it, 429 with `Retry-After`. @default defaultTenantRateLimit */
  tenantRateLimit?: Partial<TenantRateLimit>;
  /**
   * An OpenAI-compatible chat completions API for the connector agent: it interprets free-text prompts and names
   * actions. Its requests go through the egress policy. Without it the agent is fully deterministic.
   * `plugboard serve` reads `PLUGBOARD_LLM_URL`, `PLUGBOARD_LLM_API_KEY` and `PLUGBOARD_LLM_MODEL`.
   * @example { url: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY!, model: 'gpt-4o-mini' }
   */
  llm?: LlmOptions;
  /**
   * How long the process working on a connector agent run is trusted without renewing its lease (it renews every
   * third of it); a replica fails a running run as `interrupted` once its lease lapsed. `plugboard serve` reads
   * `PLUGBOARD_AGENT_RUN_LEASE_SECONDS`. @default 30_000
   */
  agentRunLeaseMs?: number;
  /**
   * The connector agent's bounds: the largest uploaded spec, how many runs of one organization may build at
   * once across every replica (parsing a large spec takes hundreds of MB), the most actions and events a built
   * connector keeps. `plugboard serve` reads `PLUGBOARD_AGENT_MAX_SPEC_BYTES`, `PLUGBOARD_AGENT_MAX_BUILDS`,
   * `PLUGBOARD_AGENT_MAX_ACTIONS` and `PLUGBOARD_AGENT_MAX_EVENTS`. @default DEFAULT_AGENT_LIMITS
   */
  agentLimits?: Partial<AgentLimits>;
  /**
   * How the per-tenant call log batches its writes (every action run, proxy call, MCP tool call, refresh, inbound
   * webhook and delivery gets an entry). @default defaultCallLogWriterOptions: every 250 ms or 200 entries
   */
  callLog?: Partial<CallLogWriterOptions>;
}

/** The deployment's one OAuth callback URL. @throws Error when `publicUrl` is not an http(s) URL */
function redirectUriOf(publicUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(publicUrl);
  } catch {}
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new Error(`publicUrl must be an http or https URL without query or fragment, not "${publicUrl}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/v1/oauth/callback`;
}

/** Builds the service deps every route, worker and CLI command shares: egress policy and budgets included. */
function depsOf(options: RuntimeOptions): ServiceDeps {
  const { store, keyring, logger = silentLogger, now = () => new Date() } = options;
  const egress = createEgressPolicy({ allowHosts: options.egressAllowHosts ?? [] });
  // Every request resolves its caller: a bounded, one-second cache of those lookups (see storage/auth-cache.ts).
  const deps: ServiceDeps = {
    store: cachingAuthLookups(store),
    keyring,
    logger,
    now,
    customAuth: options.customAuth ?? {},
    egress,
  };
  deps.allowInsecureOAuthEndpoints = options.allowInsecureOAuthEndpoints ?? false;
  if (options.publicUrl) deps.publicUrl = options.publicUrl;
  if (options.outbound) deps.outbound = options.outbound;
  if (options.rateLimits) deps.rateLimits = options.rateLimits;
  deps.tenantLimiter = new TenantRateLimiter(store, now, { ...defaultTenantRateLimit, ...options.tenantRateLimit });
  const callLog = new CallLogWriter(store, logger, options.callLog);
  deps.callLog = callLog;
  deps.metrics = new Metrics({ store, now, callLog: () => ({ buffered: callLog.buffered, dropped: callLog.dropped }) });
  return deps;
}

/** What a {@link Runtime} does with one of its workers, whatever its rounds return. */
export type BackgroundWorker = Pick<RoundWorker<unknown>, 'start' | 'stop' | 'drain' | 'runOnce'>;

/**
 * Everything a Plugboard process runs on, built once: the services' deps, the token refresher, the connector
 * agent and the background workers. The HTTP app ({@link createHttpApp}) and the workers both take it, so
 * `plugboard serve`, `serve --no-workers`, `worker` and every other CLI command share one wiring.
 * Build it with {@link createRuntime}.
 */
export class Runtime {
  /** What every service needs: the store, keyring, clock, logger, egress policy and budgets. */
  readonly deps: ServiceDeps;
  /** The OAuth redirect URI and endpoint rules. */
  readonly oauth: OAuthConfig;
  readonly refresher: TokenRefresher;
  /** The workers whose interval is set, by name; {@link startWorkers} starts them. */
  readonly workers: ReadonlyMap<WorkerName, BackgroundWorker>;
  readonly #intervals = new Map<WorkerName, number>();
  readonly #options: RuntimeOptions;
  #agent: AgentService | undefined;
  #started = false;

  /** @throws Error when `publicUrl` is not an http(s) URL, or an `egressAllowHosts` entry is not `host[:port]` */
  constructor(options: RuntimeOptions) {
    this.#options = options;
    this.deps = depsOf(options);
    const refreshPolicy = { ...defaultRefreshPolicy, ...options.refreshPolicy };
    this.oauth = {
      redirectUri: options.publicUrl === undefined ? undefined : redirectUriOf(options.publicUrl),
      allowInsecureEndpoints: options.allowInsecureOAuthEndpoints ?? false,
      assumedTokenTtlMs: refreshPolicy.defaultTtlMs,
    };
    this.refresher = new TokenRefresher(this.deps, this.oauth.allowInsecureEndpoints, refreshPolicy);
    const workers = new Map<WorkerName, BackgroundWorker>();
    const add = <T>(name: WorkerName, intervalMs: number | undefined, make: () => RoundWorker<T>) => {
      if (!intervalMs) return;
      const worker = make();
      worker.onRound((outcome) => {
        this.deps.metrics?.observeWorkerRound(name, outcome, this.deps.now());
        options.onWorkerRound?.(name, outcome);
      });
      workers.set(name, worker);
      this.#intervals.set(name, intervalMs);
    };
    add('delivery', options.deliveryIntervalMs, () => {
      const lease = options.workerLeaseMs ? { leaseMs: options.workerLeaseMs } : {};
      return new DeliveryWorker(this.deps, { ...defaultDeliveryPolicy, ...lease, ...options.deliveryPolicy });
    });
    add('polling', options.pollingIntervalMs, () => {
      return new PollingWorker(this.deps, this.refresher, options.workerLeaseMs);
    });
    add('retention', options.retentionIntervalMs, () => {
      return new RetentionWorker(this.deps, { ...defaultRetentionPolicy, ...options.retention });
    });
    add('refresh', options.backgroundRefreshMs, () => new RefreshWorker(this.refresher));
    this.workers = workers;
  }

  /**
   * The connector agent. Made on first use: from then on it sweeps runs whose owner died (their lease lapsed),
   * which a process that only runs workers (`plugboard worker`) leaves to the API replicas.
   */
  get agent(): AgentService {
    this.#agent ??= new AgentService(
      this.deps,
      this.refresher,
      this.#options.llm ? new AgentModel(egressOf(this.deps), this.#options.llm) : undefined,
      {
        ...(this.#options.agentRunLeaseMs ? { leaseMs: this.#options.agentRunLeaseMs } : {}),
        ...(this.#options.agentLimits ? { limits: this.#options.agentLimits } : {}),
      },
    );
    return this.#agent;
  }

  /** Starts every worker whose interval is set; a second call changes nothing. */
  startWorkers(): void {
    if (this.#started) return;
    this.#started = true;
    for (const [name, worker] of this.workers) worker.start(this.#intervals.get(name) ?? 0);
  }

  /**
   * Stops every worker and waits for the rounds in progress to end; the connector agent stops sweeping for runs
   * whose owner died too (the background work of a process that is going away).
   */
  async stopWorkers(): Promise<void> {
    this.#started = false;
    this.#agent?.stopSweeping();
    await Promise.all([...this.workers.values()].map((worker) => worker.drain()));
    // What the last rounds logged is written before the process (or the test) goes on to close the store.
    await this.deps.callLog?.flush();
  }

  /**
   * Stops the workers (waiting for their rounds) and the agent's runs (failed as interrupted, since nobody will
   * go on with them here), then closes the store: the end of a process.
   */
  async close(): Promise<void> {
    await this.stopWorkers();
    await this.#agent?.close();
    await this.deps.callLog?.close();
    await this.deps.store.close();
  }
}

/**
 * Builds the {@link Runtime} of one process; no worker runs until {@link Runtime.startWorkers}.
 *
 * @throws Error when `publicUrl` is not an http(s) URL, or an `egressAllowHosts` entry is not `host[:port]`
 * @example
 * ```ts
 * const runtime = createRuntime({ store, keyring, deliveryIntervalMs: 1000 });
 * runtime.startWorkers();
 * process.once('SIGTERM', () => void runtime.close());
 * ```
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  return new Runtime(options);
}
