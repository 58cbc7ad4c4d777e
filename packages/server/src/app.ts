import { ErrorCode } from '@plugboard/shared';
import { Hono } from 'hono';
import { ApiError } from './http/api-error.js';
import { serveConsole } from './http/console-assets.js';
import { httpErrorOf } from './http/error-response.js';
import { observeRequests, serveMetrics } from './http/metrics.js';
import { mountRoutes, unmatched } from './http/mount.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { requestIds, requestLog } from './http/request-log.js';
import { securityHeaders, sessionCors } from './http/security-headers.js';
import { limitAgentBodySize, limitBodySize, limitBodySizeTo, limitConnectorBodySize } from './http/validation.js';
import { serveWidgetBundle } from './http/widget-bundle.js';
import { mcpApp } from './mcp/mcp-app.js';
import { mcpEndpoint, mcpSecuritySchemes } from './mcp/mcp-openapi.js';
import { actionRoutes } from './routes/actions.js';
import { agentRoutes } from './routes/agent.js';
import { connectLinkRoutes } from './routes/connect-links.js';
import { connectionRoutes } from './routes/connections.js';
import { connectorRoutes } from './routes/connectors.js';
import { consoleRoutes } from './routes/console.js';
import { eventRoutes } from './routes/events.js';
import { logRoutes } from './routes/logs.js';
import { mcpPreviewRoutes } from './routes/mcp-preview.js';
import { MCP_PATH, mcpTokenRoutes } from './routes/mcp-tokens.js';
import { oauthRoutes } from './routes/oauth.js';
import { oauthAppRoutes } from './routes/oauth-apps.js';
import { organizationRoutes } from './routes/organization.js';
import { passThroughRoutes } from './routes/pass-through.js';
import { sessionRoutes } from './routes/session.js';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import { DomainError } from './services/domain-error.js';
import { StoreInputError } from './storage/sql/store-input-error.js';

/** Routes whose bodies hold a whole connector: create, update, and an agent run's review. */
const CONNECTOR_BODY = /^\/v1\/(connectors(\/[^/]+)?|agent\/runs\/[^/]+\/review)$/;

export type { WorkerName } from './runtime.js';

/** What the HTTP app adds to a {@link Runtime}: what it serves and how it reads requests. */
export interface HttpOptions {
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
   * How many proxies in front of the server append the address they received from to `X-Forwarded-For`; the
   * client address (for the per-client sign-in budget) is then that many entries from the right. 0 ignores the
   * header, which anyone can send. @default 0
   */
  trustedProxyHops?: number;
  /** The largest webhook body an inbound URL reads; past it, 413 `payload_too_large`. @default 1 MB */
  inboundMaxBytes?: number;
  /**
   * Serve Prometheus metrics at `GET /metrics` on this app, behind `Authorization: Bearer <metricsToken>`. Left
   * out, the app serves no metrics (a listener of their own is `createMetricsApp`). `plugboard serve` reads
   * `PLUGBOARD_METRICS_TOKEN`.
   */
  metricsToken?: string;
}

/** Options of {@link createApp}: a runtime's and the HTTP app's. */
export interface AppOptions extends RuntimeOptions, HttpOptions {
  /** Stops the workers when aborted (on shutdown, or at the end of a test). */
  signal?: AbortSignal;
}

/** The default cap of inbound webhook bodies: 1 MB. */
export const DEFAULT_INBOUND_MAX_BYTES = 1024 * 1024;

/**
 * Builds the Plugboard API as a Hono app over its own {@link Runtime}, whose workers it starts (those with an
 * interval set): `/v1/*`, `/v1/openapi.json`, `/healthz`, `/readyz`, the admin console at
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
  const runtime = createRuntime(options);
  runtime.startWorkers();
  options.signal?.addEventListener('abort', () => void runtime.stopWorkers(), { once: true });
  return createHttpApp(runtime, options);
}

/**
 * Builds the Plugboard API over a {@link Runtime} built elsewhere, without starting its workers: how
 * `plugboard serve` shares one runtime between its HTTP app and its workers, and `serve --no-workers` runs an
 * API-only replica. The same routes as {@link createApp}.
 *
 * @example
 * ```ts
 * const runtime = createRuntime({ store, keyring, publicUrl: 'https://plugboard.example.com' });
 * const server = await startServer(createHttpApp(runtime, { widgetBundle }), { port: 4400 });
 * ```
 */
export function createHttpApp(runtime: Runtime, options: HttpOptions = {}): Hono {
  const { deps, refresher, oauth, agent } = runtime;
  const { logger } = deps;
  const auth = { publicUrl: deps.publicUrl };
  const routes = [
    ...organizationRoutes(deps),
    ...connectorRoutes(deps),
    ...connectionRoutes(deps, refresher),
    ...actionRoutes(deps, refresher),
    ...passThroughRoutes(deps, refresher),
    ...sessionRoutes(deps, refresher),
    ...connectLinkRoutes(deps),
    ...mcpPreviewRoutes(deps),
    ...oauthRoutes(deps, oauth),
    ...oauthAppRoutes(deps),
    ...eventRoutes(deps, auth),
    ...consoleRoutes(deps, { ...auth, trustedProxyHops: options.trustedProxyHops ?? 0 }),
    ...agentRoutes(deps, agent),
    ...mcpTokenRoutes(deps, auth),
    ...logRoutes(deps),
  ];
  // Endpoints served outside `routes` (sub-apps, wildcard paths) are described by hand as an EndpointDescription
  // (http/openapi.ts) and get the same operationId, error and lint treatment: the streaming proxy
  // `ANY /v1/proxy/*` joins this list with `methods: ['get', 'put', 'post', 'patch', 'delete']`.
  const openApi = buildOpenApiDocument(routes, {
    publicUrl: deps.publicUrl,
    endpoints: [mcpEndpoint],
    securitySchemes: mcpSecuritySchemes,
  });
  const app = new Hono();

  // Registered once, first: every later middleware and route reads `c.get('requestId')` (call logs record it).
  app.use(requestIds());
  app.use(requestLog(logger, deps.metrics ? observeRequests(deps.metrics) : undefined));
  app.use(securityHeaders());
  app.use('/v1/session/*', sessionCors());
  // An uploaded spec may be up to 50 MB: only the route that starts an agent run reads bodies that large.
  // Third parties' webhooks are often larger than an API body (a GitHub push), so inbound URLs have their own cap.
  const limitInboundBodySize = limitBodySizeTo(options.inboundMaxBytes ?? DEFAULT_INBOUND_MAX_BYTES);
  // A connector of a large API (up to 2,000 actions with their input schemas), and its review, are bodies of
  // megabytes too.
  app.use('/v1/*', (c, next) => {
    // GET and HEAD carry no body: the commonest requests skip the matching below.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // The streaming proxy hands bodies on as they arrive, and caps them itself (outbound.maxStreamBytes).
    if (c.req.path.startsWith('/v1/proxy/')) return next();
    if (CONNECTOR_BODY.test(c.req.path) && (c.req.method === 'POST' || c.req.method === 'PATCH'))
      return limitConnectorBodySize(c, next);
    if (c.req.method !== 'POST') return limitBodySize(c, next);
    if (c.req.path === '/v1/agent/runs') return limitAgentBodySize(c, next);
    return c.req.path.startsWith('/v1/inbound/') ? limitInboundBodySize(c, next) : limitBodySize(c, next);
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.store.ping();
      return c.json({ status: 'ready' });
    } catch {
      // The driver's message can name files or hosts: a load balancer needs the status, not the reason.
      return c.json(new ApiError(503, ErrorCode.NotReady, 'The database does not answer').toBody(), 503);
    }
  });
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  if (deps.metrics && options.metricsToken) serveMetrics(app, deps.metrics, options.metricsToken);
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
