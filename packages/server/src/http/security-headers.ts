import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response (`hono/secure-headers`): no sniffing, no framing by other origins, no
 * referrer, HSTS, no `X-Powered-By`. They never overwrite what a response sets itself, so the strict headers of
 * the pages (the OAuth callback, the connect page, the console: their CSP, `no-store`) and the widget bundle's
 * `Cross-Origin-Resource-Policy: cross-origin` stay as they are.
 *
 * The opener policy is left unset: the OAuth popup's callback page and the connect page keep their opener, so
 * the popup can tell the page that opened it that the flow ended (the backend stays the source of truth).
 */
export const securityHeaders = () =>
  secureHeaders({
    crossOriginOpenerPolicy: false,
    xFrameOptions: 'DENY',
    overwrite: false,
  });

/**
 * CORS of the session routes (`hono/cors`), which the widget calls from the vendor's pages: a preflight grants
 * nothing, so it is answered for any origin, and each request's origin is echoed. The check that counts is the
 * per-organization one: the session's authentication refuses an origin the organization (or session) does not
 * allow with 403 `origin_not_allowed` and drops `Access-Control-Allow-Origin`, so the browser cannot read even
 * the error.
 */
export const sessionCors = () =>
  cors({
    origin: (origin) => origin || null,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
