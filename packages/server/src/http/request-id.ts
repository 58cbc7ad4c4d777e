import type { Context } from 'hono';

/**
 * The request's id, as `hono/request-id` set it (from a trusted `X-Request-Id` or a new one); undefined when
 * the middleware did not run (an app built without it).
 */
export function requestIdOf(c: Context): string | undefined {
  const id = (c.var as Record<string, unknown>).requestId;
  return typeof id === 'string' ? id : undefined;
}
