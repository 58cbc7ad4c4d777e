import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { type Logger, requestScope } from '../logger.js';

/**
 * The longest `X-Request-Id` a caller may send and have kept. Longer ones, and ones with characters other than
 * letters, digits, `_`, `-` and `=`, are replaced by a new id: the id is echoed in a header and written to
 * every log line of the request, so it must be short and unable to break either.
 */
export const MAX_REQUEST_ID_LENGTH = 64;

/**
 * Gives every request an id (`c.get('requestId')`, and the `X-Request-Id` response header): the caller's own
 * when it sent a valid one (see {@link MAX_REQUEST_ID_LENGTH}), else a random UUID.
 */
export const requestIds = (): MiddlewareHandler => requestId({ limitLength: MAX_REQUEST_ID_LENGTH });

/**
 * Writes one line per request (method, path, status, milliseconds) and makes the request's id part of every
 * line written while it is handled. Runs after {@link requestIds}.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const id = c.get('requestId');
    await requestScope.run({ requestId: id }, next);
    logger.info({
      requestId: id,
      method: c.req.method,
      // An inbound URL's token is its credential: keep it out of the logs.
      path: c.req.path.replace(/^\/v1\/inbound\/[^/]+/, '/v1/inbound/…'),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  };
}
