import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { type Logger, requestScope } from '../logger.js';
import type { RequestObserver } from './metrics.js';
import { nodeResponseOf, requestHeader } from './node-response.js';

/**
 * The longest `X-Request-Id` a caller may send and have kept. Longer ones, and ones with characters other than
 * letters, digits, `_`, `-` and `=`, are replaced by a new id: the id is echoed in a header and written to
 * every log line of the request, so it must be short and unable to break either.
 */
export const MAX_REQUEST_ID_LENGTH = 64;

const REQUEST_ID = /^[\w\-=]+$/;

/**
 * Gives every request an id (`c.get('requestId')`, and the `X-Request-Id` response header): the caller's own
 * when it sent a valid one (see {@link MAX_REQUEST_ID_LENGTH}), else a random UUID.
 */
export function requestIds(): MiddlewareHandler {
  return (c, next) => {
    const sent = requestHeader(c, 'x-request-id');
    const id = sent && sent.length <= MAX_REQUEST_ID_LENGTH && REQUEST_ID.test(sent) ? sent : randomUUID();
    c.set('requestId', id);
    // On the Node response, a default the answer's own headers replace, as for the security headers.
    const outgoing = nodeResponseOf(c);
    if (outgoing) outgoing.setHeader('x-request-id', id);
    else c.header('X-Request-Id', id);
    return next();
  };
}

/** An inbound URL's token is its credential: keep it out of the logs. */
const loggedPath = (path: string) =>
  path.startsWith('/v1/inbound/') ? path.replace(/^\/v1\/inbound\/[^/]+/, '/v1/inbound/…') : path;

/**
 * Writes one line per request (method, path, status, milliseconds) and makes the request's id part of every
 * line written while it is handled; tells `observe` (the metrics) how long each request took. Runs after
 * {@link requestIds}. A logger at level `silent` writes no line, so requests then run outside the scope:
 * entering it is what makes every promise of a request pay Node's async hooks.
 */
export function requestLog(logger: Logger, observe?: RequestObserver): MiddlewareHandler {
  const logged = logger.level !== 'silent';
  if (!logged && !observe) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    const requestId: string = c.get('requestId');
    try {
      await (logged ? requestScope.run({ requestId }, next) : next());
    } finally {
      const ms = performance.now() - started;
      observe?.(c, ms / 1000);
      if (logged) {
        const { method, path } = c.req;
        logger.info({ requestId, method, path: loggedPath(path), status: c.res.status, ms: Math.round(ms) });
      }
    }
  };
}
