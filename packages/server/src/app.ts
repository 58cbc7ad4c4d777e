import { ErrorCode } from '@plugboard/shared';
import { Hono } from 'hono';
import { AgentService } from './agent/agent-service.js';
import { AgentModel, type LlmOptions } from './agent/model.js';
import type { Keyring } from './crypto/keyring.js';
import type { CustomAuthRegistry } from './custom-auth/handler.js';
import { createEgressPolicy, type OutboundOptions } from './egress/index.js';
import { ApiError } from './http/api-error.js';
import { serveConsole } from './http/console-assets.js';
import { httpErrorOf } from './http/error-response.js';
import { mountRoutes, unmatched } from './http/mount.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { limitAgentBodySize, limitBodySize, limitBodySizeTo } from './http/validation.js';
import { serveWidgetBundle } from './http/widget-bundle.js';
import { type Logger, silentLogger } from './logger.js';
import { mcpApp } from './mcp/mcp-app.js';
import { withMcpEndpoint } from './mcp/mcp-openapi.js';
import { actionRoutes } from './routes/actions.js';
import { agentRoutes } from './routes/agent.js';
import { connectLinkRoutes } from './routes/connect-links.js';
import { connectionRoutes } from './routes/connections.js';
import { connectorRoutes } from './routes/connectors.js';
import { consoleRoutes } from './routes/console.js';
import { eventRoutes } from './routes/events.js';
import { mcpPreviewRoutes } from './routes/mcp-preview.js';
import { MCP_PATH, mcpTokenRoutes } from './routes/mcp-tokens.js';
import { oauthRoutes } from './routes/oauth.js';
import { oauthAppRoutes } from './routes/oauth-apps.js';
import { organizationRoutes } from './routes/organization.js';
import { sessionRoutes } from './routes/session.js';
import { type DeliveryPolicy, DeliveryWorker, defaultDeliveryPolicy } from './services/delivery-worker.js';
import type { ServiceDeps } from './services/deps.js';
import { DomainError } from './services/domain-error.js';
import type { OAuthConfig } from './services/oauth-flows.js';
import { PollingWorker } from './services/polling-worker.js';
import type { RateLimits } from './services/rate-limits.js';
import { defaultRetentionPolicy, type RetentionPolicy, RetentionWorker } from './services/retention-worker.js';
import type { RoundOutcome, RoundWorker } from './services/round-worker.js';
import { defaultTenantRateLimit, type TenantRateLimit, TenantRateLimiter } from './services/tenant-rate-limit.js';
import { defaultRefreshPolicy, type RefreshPolicy, TokenRefresher } from './services/token-refresh.js';
import { StoreInputError } from './storage/sql/store-input-error.js';
import type { Store } from './storage/store.js';

/** The background workers `createApp` can start. */
export type WorkerName = 'delivery' | 'polling' | 'retention';

/** Options of {@link createApp}. */
export interface AppOptions {
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
   * A folder with the built admin console (`index.html` and its assets), served at `/console`; client-side
   * routes fall back to `index.html`. Not served when left out.
   */
  consoleRoot?: string;
  /**
   * The built widget bundle (`@plugboard/widget`'s `dist/plugboard-connect.js`), served to pages of any origin at
   * `/widget/plugboard-connect.js`. Not served when left out; `plugboard serve` finds it in the installed package.
   */
  widgetBundle?: string;
  /**
   * Send due event deliveries from the database every this many milliseconds; 0 turns the worker off (pending
   * deliveries then wait in the database for a process that runs it). @default 0
   * @example 1000
   */
  deliveryIntervalMs?: number;
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
   * the job off. @default 0
   */
  retentionIntervalMs?: number;
  /** How long events and deliveries, expired rows and inbound delivery ids are kept. @default defaultRetentionPolicy */
  retention?: Partial<RetentionPolicy>;
  /** Stops the delivery and polling workers when aborted (on shutdown, or at the end of a test). */
  signal?: AbortSignal;
  /**
   * Called after each round of the delivery, polling or retention worker ends, failed rounds included: a way to follow
   * background work (metrics, tests) without guessing how long a round takes.
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
  /**
   * How many proxies in front of the server append the address they received from to `X-Forwarded-For`; the
   * client address (for the per-client sign-in budget) is then that many entries from the right. 0 ignores the
   * header, which anyone can send. @default 0
   */
  trustedProxyHops?: number;
  /** The largest webhook body an inbound URL reads; past it, 413 `payload_too_large`. @default 1 MB */
  inboundMaxBytes?: number;
  /** Each tenant's budget of calls to third-party APIs (actions, proxy, MCP tools), kept in the database; over it, 429 with `Retry-After`. @default defaultTenantRateLimit */
  tenantRateLimit?: Partial<TenantRateLimit>;
  /**
   * An OpenAI-compatible chat completions API for the connector agent: it interprets free-text prompts and names
   * actions. Its requests go through the egress policy. Without it the agent is fully deterministic.
   * `plugboard serve` reads `PLUGBOARD_LLM_URL`, `PLUGBOARD_LLM_API_KEY` and `PLUGBOARD_LLM_MODEL`.
   * @example { url: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY!, model: 'gpt-4o-mini' }
   */
  llm?: LlmOptions;
}

/** The default cap of inbound webhook bodies: 1 MB. */
export const DEFAULT_INBOUND_MAX_BYTES = 1024 * 1024;

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

/**
 * Builds the Plugboard API as a Hono app: `/v1/*`, `/v1/openapi.json`, `/healthz`, the admin console at
 * `/console` when `consoleRoot` is given, and the widget bundle at `/widget/plugboard-connect.js` when
 * `widgetBundle` is.
 * Serve it with {@link startServer}, mount it in a larger app, or call `app.request()` in tests.
 *
 * @throws Error when `publicUrl` is not an http(s) URL, or an `egressAllowHosts` entry is not `host[:port]`
 * @example
 * ```ts
 * const app = createApp({
 *   store: await openStore('file:plugboard.db'),
 *   keyring: Keyring.parse(key),
 *   publicUrl: 'https://plugboard.example.com',
 * });
 * ```
 */
export function createApp(options: AppOptions): Hono {
  const { store, keyring, logger = silentLogger, now = () => new Date() } = options;
  const egress = createEgressPolicy({ allowHosts: options.egressAllowHosts ?? [] });
  const deps: ServiceDeps = { store, keyring, logger, now, customAuth: options.customAuth ?? {}, egress };
  deps.allowInsecureOAuthEndpoints = options.allowInsecureOAuthEndpoints ?? false;
  if (options.publicUrl) deps.publicUrl = options.publicUrl;
  if (options.outbound) deps.outbound = options.outbound;
  if (options.rateLimits) deps.rateLimits = options.rateLimits;
  deps.tenantLimiter = new TenantRateLimiter(store, now, { ...defaultTenantRateLimit, ...options.tenantRateLimit });
  const refreshPolicy = { ...defaultRefreshPolicy, ...options.refreshPolicy };
  const oauth: OAuthConfig = {
    redirectUri: options.publicUrl === undefined ? undefined : redirectUriOf(options.publicUrl),
    allowInsecureEndpoints: options.allowInsecureOAuthEndpoints ?? false,
    assumedTokenTtlMs: refreshPolicy.defaultTtlMs,
  };
  const auth = { publicUrl: options.publicUrl };
  const refresher = new TokenRefresher(deps, oauth.allowInsecureEndpoints, refreshPolicy);
  if (options.backgroundRefreshMs) {
    const timer = setInterval(() => void refresher.refreshDue().catch(() => {}), options.backgroundRefreshMs);
    timer.unref();
  }
  const startWorker = <T>(name: WorkerName, worker: RoundWorker<T>, intervalMs: number | undefined) => {
    if (!intervalMs) return;
    if (options.onWorkerRound) worker.onRound((outcome) => options.onWorkerRound?.(name, outcome));
    worker.start(intervalMs);
    options.signal?.addEventListener('abort', () => worker.stop(), { once: true });
  };
  startWorker(
    'delivery',
    new DeliveryWorker(deps, { ...defaultDeliveryPolicy, ...options.deliveryPolicy }),
    options.deliveryIntervalMs,
  );
  startWorker('polling', new PollingWorker(deps, refresher), options.pollingIntervalMs);
  startWorker(
    'retention',
    new RetentionWorker(deps, { ...defaultRetentionPolicy, ...options.retention }),
    options.retentionIntervalMs,
  );
  const agent = new AgentService(deps, refresher, options.llm ? new AgentModel(egress, options.llm) : undefined);
  const routes = [
    ...organizationRoutes(deps),
    ...connectorRoutes(deps),
    ...connectionRoutes(deps, refresher),
    ...actionRoutes(deps, refresher),
    ...sessionRoutes(deps, refresher),
    ...connectLinkRoutes(deps),
    ...mcpPreviewRoutes(deps),
    ...oauthRoutes(deps, oauth),
    ...oauthAppRoutes(deps),
    ...eventRoutes(deps, auth),
    ...consoleRoutes(deps, { ...auth, trustedProxyHops: options.trustedProxyHops ?? 0 }),
    ...agentRoutes(deps, agent),
    ...mcpTokenRoutes(deps, auth),
  ];
  const openApi = withMcpEndpoint(buildOpenApiDocument(routes));
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      method: c.req.method,
      // An inbound URL's token is its credential: keep it out of the logs.
      path: c.req.path.replace(/^\/v1\/inbound\/[^/]+/, '/v1/inbound/…'),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.options('/v1/session/*', (c) => {
    // A preflight grants nothing: the real request is checked against the session's allowed origins.
    const origin = c.req.header('origin');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    c.header('Access-Control-Allow-Headers', 'authorization, content-type');
    c.header('Access-Control-Max-Age', '600');
    c.header('Vary', 'Origin');
    return c.body(null, 204);
  });
  // An uploaded spec may be up to 10 MB: only the route that starts an agent run reads bodies that large.
  // Third parties' webhooks are often larger than an API body (a GitHub push), so inbound URLs have their own cap.
  const limitInboundBodySize = limitBodySizeTo(options.inboundMaxBytes ?? DEFAULT_INBOUND_MAX_BYTES);
  app.use('/v1/*', (c, next) => {
    if (c.req.method !== 'POST') return limitBodySize(c, next);
    if (c.req.path === '/v1/agent/runs') return limitAgentBodySize(c, next);
    return c.req.path.startsWith('/v1/inbound/') ? limitInboundBodySize(c, next) : limitBodySize(c, next);
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  if (options.consoleRoot) serveConsole(app, options.consoleRoot);
  if (options.widgetBundle) serveWidgetBundle(app, options.widgetBundle);
  app.route(MCP_PATH, mcpApp(deps, refresher));
  mountRoutes(app, routes, deps, auth);
  app.notFound(unmatched(routes));
  app.onError((error, c) => {
    if (DomainError.is(error)) {
      const { status, body, headers } = httpErrorOf(error);
      return c.json(body, status, headers);
    }
    if (error instanceof StoreInputError) return c.json(ApiError.validation([], error.message).toBody(), 400);
    // Messages of unexpected errors can quote input; log where it happened, not what it said.
    logger.error({
      event: 'unhandled_error',
      name: error.name,
      stack: error.stack?.split('\n').slice(1, 6).join('\n'),
    });
    return c.json(new ApiError(500, ErrorCode.Internal, 'Something went wrong on the server').toBody(), 500);
  });
  return app;
}
