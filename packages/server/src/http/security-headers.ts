import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { nodeResponseOf, requestHeader } from './node-response.js';

/**
 * The security headers of every response: no sniffing, no framing by other origins, no referrer, HSTS, resources
 * for the same origin only, and the rest of what `hono/secure-headers` sets by default. The opener policy is left
 * unset: the OAuth popup's callback page and the connect page keep their opener, so the popup can tell the page
 * that opened it that the flow ended (the backend stays the source of truth).
 */
const defaults = new Map([
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
]);
export const SECURITY_HEADERS: ReadonlyMap<string, string> = defaults;

/**
 * Puts {@link SECURITY_HEADERS} on every response. They never overwrite what a response sets itself, so the
 * strict headers of the pages (the OAuth callback, the connect page, the console: their CSP, `no-store`) and the
 * widget bundle's `Cross-Origin-Resource-Policy: cross-origin` stay as they are.
 *
 * Served by @hono/node-server, they are set in one go on the Node response before the request is handled, as
 * defaults the response's own headers replace: the response itself stays untouched, so a JSON answer keeps its
 * plain header object and @hono/node-server writes it without building a fetch `Headers`. Elsewhere
 * (`app.request()`), they are added to the response afterwards where it lacks them.
 */
export function securityHeaders(): MiddlewareHandler {
  const afterwards: MiddlewareHandler = async (c, next) => {
    await next();
    const { headers } = c.res;
    for (const [name, value] of defaults) if (!headers.has(name)) headers.set(name, value);
  };
  // Not an async function on Node's path: one promise less on every request.
  return (c, next) => {
    const outgoing = nodeResponseOf(c);
    if (!outgoing) return afterwards(c, next);
    outgoing.setHeaders(defaults);
    return next();
  };
}

/**
 * CORS of the session routes, which the widget calls from the vendor's pages: a preflight grants nothing, so it is
 * answered for any origin (`hono/cors`), and each request's origin is echoed, with `Vary: Origin`. The check that
 * counts is the per-organization one: the session's authentication refuses an origin the organization (or
 * session) does not allow with 403 `origin_not_allowed` and drops `Access-Control-Allow-Origin` (with
 * {@link dropAllowOrigin}), so the browser cannot read even the error.
 *
 * Served by @hono/node-server, the echo is set on the Node response as a default, like the security headers, so
 * the answer keeps its plain headers; `hono/cors` answers the rest (preflights, `app.request()`).
 */
export function sessionCors(): MiddlewareHandler {
  const preflight = cors({
    origin: (origin) => origin || null,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  return (c, next) => {
    const outgoing = nodeResponseOf(c);
    if (!outgoing || c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = requestHeader(c, 'origin');
    if (origin) outgoing.setHeader('access-control-allow-origin', origin);
    outgoing.setHeader('vary', 'Origin');
    return next();
  };
}

/** Takes `Access-Control-Allow-Origin` off a response, as {@link sessionCors} set it: the origin is refused. */
export function dropAllowOrigin(c: Context): void {
  c.header('Access-Control-Allow-Origin', undefined);
  nodeResponseOf(c)?.removeHeader('access-control-allow-origin');
}
