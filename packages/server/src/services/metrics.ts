import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../storage/store.js';
import type { RoundOutcome } from './round-worker.js';

/** Seconds buckets of request and upstream latencies: 5 ms to 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What a scrape reads from the database and the process, filled in by {@link Metrics}. */
interface Sources {
  store: Store;
  now: () => Date;
  /** Call log entries waiting to be written, and those dropped. */
  callLog?: () => { buffered: number; dropped: number };
}

/**
 * The Prometheus metrics of one process (see docs/operations.md), in a registry of its own so that several
 * apps in one process (the tests) do not share counters. Counters are per process, as Prometheus expects of
 * replicas (it sums them); gauges of shared state (the delivery queue) are read from the database at scrape time.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly #upstream: Counter<'kind' | 'connector' | 'status'>;
  readonly #upstreamSeconds: Histogram<'kind' | 'connector'>;
  readonly #refreshes: Counter<'outcome'>;
  readonly #rateLimited: Counter<'scope'>;
  readonly #workerRounds: Counter<'worker' | 'outcome'>;
  readonly #lastRound = new Map<string, number>();

  constructor(sources: Sources) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'plugboard_http_requests_total',
      help: 'API requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.#requestSeconds = new Histogram({
      name: 'plugboard_http_request_duration_seconds',
      help: 'API request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#upstream = new Counter({
      name: 'plugboard_upstream_calls_total',
      help: 'Calls to third-party APIs (actions, proxy, MCP tools, refreshes, deliveries) by kind, connector and status',
      labelNames: ['kind', 'connector', 'status'],
      registers,
    });
    this.#upstreamSeconds = new Histogram({
      name: 'plugboard_upstream_call_duration_seconds',
      help: 'Latency of calls to third-party APIs by kind and connector',
      labelNames: ['kind', 'connector'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#refreshes = new Counter({
      name: 'plugboard_token_refreshes_total',
      help: 'OAuth token refreshes by outcome: refreshed, needs_reauth, failed',
      labelNames: ['outcome'],
      registers,
    });
    this.#rateLimited = new Counter({
      name: 'plugboard_rate_limit_rejections_total',
      help: 'Requests and calls refused by a budget (429 rate_limited), by scope: the route template or tenant_calls',
      labelNames: ['scope'],
      registers,
    });
    this.#workerRounds = new Counter({
      name: 'plugboard_worker_rounds_total',
      help: 'Rounds of the background workers by worker and outcome (ok, failed)',
      labelNames: ['worker', 'outcome'],
      registers,
    });
    const lastRound = this.#lastRound;
    new Gauge({
      name: 'plugboard_worker_lag_seconds',
      help: "Seconds since each of this process's workers last finished a round",
      labelNames: ['worker'],
      registers,
      collect() {
        const now = sources.now().getTime();
        for (const [worker, at] of lastRound) this.set({ worker }, (now - at) / 1000);
      },
    });
    const backlog = () => sources.store.deliveryBacklog();
    new Gauge({
      name: 'plugboard_delivery_queue_depth',
      help: 'Event deliveries pending in the database (every replica reports the same)',
      registers,
      async collect() {
        this.set((await backlog()).pending);
      },
    });
    new Gauge({
      name: 'plugboard_delivery_queue_oldest_age_seconds',
      help: 'Age of the oldest pending event delivery; 0 when none is pending',
      registers,
      async collect() {
        const { oldestCreatedAt } = await backlog();
        const age = oldestCreatedAt ? (sources.now().getTime() - Date.parse(oldestCreatedAt)) / 1000 : 0;
        this.set(Math.max(0, age));
      },
    });
    new Gauge({
      name: 'plugboard_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting, max); Postgres only',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = sources.store.poolStats?.();
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    });
    const callLog = sources.callLog;
    if (callLog) {
      new Gauge({
        name: 'plugboard_call_log_buffered',
        help: 'Call log entries waiting in memory to be written',
        registers,
        collect() {
          this.set(callLog().buffered);
        },
      });
      new Gauge({
        name: 'plugboard_call_log_dropped',
        help: 'Call log entries dropped since the process started (buffer full or database errors)',
        registers,
        collect() {
          this.set(callLog().dropped);
        },
      });
    }
  }

  /** One API request, by its route template (`/v1/connections/:id`), never its concrete path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.#requests.inc(labels);
    this.#requestSeconds.observe(labels, seconds);
    if (status === 429) this.#rateLimited.inc({ scope: route });
  }

  /** One call to a third-party API; `status` is the HTTP status or, without a response, the error code. */
  observeUpstream(kind: string, connector: string, status: string, seconds: number): void {
    this.#upstream.inc({ kind, connector, status });
    this.#upstreamSeconds.observe({ kind, connector }, seconds);
    if (status === 'rate_limited') this.#rateLimited.inc({ scope: 'tenant_calls' });
  }

  /** One token refresh's outcome. */
  observeRefresh(outcome: 'refreshed' | 'needs_reauth' | 'failed'): void {
    this.#refreshes.inc({ outcome });
  }

  /** One finished round of a background worker. */
  observeWorkerRound(worker: string, outcome: RoundOutcome<unknown>, at: Date): void {
    this.#workerRounds.inc({ worker, outcome: outcome.ok ? 'ok' : 'failed' });
    this.#lastRound.set(worker, at.getTime());
  }

  /** The metrics in Prometheus' text format, with its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
