import { ErrorCode } from '@plugboard/shared';
import { type Context, Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Metrics } from '../services/metrics.js';
import { safeEqual } from '../services/webhook-signature.js';
import { ApiError } from './api-error.js';

/** Where Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** The context variable where a mounted route leaves its template, for {@link observeRequests}. */
const ROUTE_TEMPLATE = 'routeTemplate';

/**
 * Records which route template a request is answered by, as the route knew it when it was mounted: the label
 * {@link observeRequests} then reads instead of looking the matched routes up on every request.
 */
export function nameRouteTemplate(c: Context, template: string): void {
  (c as unknown as Context<{ Variables: Record<typeof ROUTE_TEMPLATE, string> }>).set(ROUTE_TEMPLATE, template);
}

/**
 * The route template that answered (`/v1/connections/:id`), never the concrete path: ids in label values would
 * make a series per connection. Requests no route took are `unmatched`.
 */
function routeTemplateOf(c: Context): string {
  // Mounted routes name their template once, when they are mounted; sub-apps and static files are looked up.
  const mounted: unknown = c.get(ROUTE_TEMPLATE);
  if (typeof mounted === 'string') return mounted;
  const routes = matchedRoutes(c);
  const last = routes[c.req.routeIndex] ?? routes.at(-1);
  // A middleware (`ALL /v1/*`) as the last match means no route took the request: a 404 or a 405.
  if (!last || (last.method === 'ALL' && last.path.endsWith('*'))) return 'unmatched';
  return last.path;
}

/** What the request middleware tells when a request has been answered: its context and how long it took. */
export type RequestObserver = (c: Context, seconds: number) => void;

/**
 * Counts every request and its latency by method, route template and status. Called by the request log's
 * middleware (http/request-log.ts) once the answer is there, so the two share one timer and one middleware.
 */
export function observeRequests(metrics: Metrics): RequestObserver {
  return (c, seconds) => metrics.observeRequest(c.req.method, routeTemplateOf(c), c.res.status, seconds);
}

/**
 * Adds `GET /metrics` to an app: Prometheus' text format, behind `Authorization: Bearer <token>` when a token is
 * given (it must be on the API's own listener), open otherwise (a listener of its own, reachable only where the
 * operator binds it).
 */
export function serveMetrics(app: Hono, metrics: Metrics, token: string | undefined): void {
  app.get(METRICS_PATH, async (c) => {
    if (token !== undefined) {
      const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!safeEqual(given, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        const refused = new ApiError(401, ErrorCode.Unauthenticated, 'GET /metrics needs its bearer token');
        return c.json(refused.toBody(), 401);
      }
    }
    const { contentType, body } = await metrics.render();
    c.header('Cache-Control', 'no-store');
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}

/**
 * An app that serves only `GET /metrics`, for a listener of its own (`PLUGBOARD_METRICS_PORT`): scrapers then
 * never reach the API, and the API's port never serves metrics.
 *
 * @example
 * ```ts
 * await startServer(createMetricsApp(runtime.deps.metrics, undefined), { port: 9464 });
 * ```
 */
export function createMetricsApp(metrics: Metrics, token: string | undefined): Hono {
  const app = new Hono();
  serveMetrics(app, metrics, token);
  return app;
}
