import { ErrorCode } from '@plugboard/shared';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { ServiceDeps } from '../services/deps.js';
import { ApiError } from './api-error.js';
import {
  type AuthOptions,
  authenticateAdmin,
  authenticateConsole,
  authenticateSecretKey,
  authenticateSession,
} from './auth.js';
import { nameRouteTemplate } from './metrics.js';
import type { Route } from './route.js';
import { dropAllowOrigin } from './security-headers.js';
import { parseWith, readJsonBody } from './validation.js';

const honoPath = (route: Route) => {
  const path = route.path.replace(/\{(\w+)\}/g, ':$1');
  return route.catchAll ? path.replace(/:(\w+)$/, ':$1{.+}') : path;
};

async function authenticate(route: Route, c: Context, deps: ServiceDeps, options: AuthOptions) {
  if (route.auth === 'admin') return authenticateAdmin(c, deps.store, deps.now(), options);
  if (route.auth === 'secretKey') return authenticateSecretKey(c, deps.store, deps.now(), options);
  if (route.auth === 'console') return authenticateConsole(c, deps.store, deps.now(), options);
  if (route.auth === 'none') return undefined;
  // Browsers may read session responses (errors too, such as session_expired; sessionCors echoes the origin)
  // unless the origin is refused.
  try {
    return await authenticateSession(c, deps.store, deps.now());
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.OriginNotAllowed) dropAllowOrigin(c);
    throw error;
  }
}

/** Registers routes on a Hono app: authentication, validation of query and body, then the handler. */
export function mountRoutes(app: Hono, routes: readonly Route[], deps: ServiceDeps, options: AuthOptions = {}): void {
  for (const route of routes) {
    const template = honoPath(route);
    app.on(route.method.toUpperCase(), template, async (c) => {
      nameRouteTemplate(c, template);
      const auth = await authenticate(route, c, deps, options);
      const query = route.query ? parseWith(route.query as z.ZodType, c.req.query(), 'query') : undefined;
      const body = route.body ? await readJsonBody(c, route.body as z.ZodType) : undefined;
      const params = c.req.param() as Record<string, string>;
      const result = await (route.handler as (input: unknown) => Promise<unknown>)({ c, auth, body, query, params });
      if (result instanceof Response) return result;
      return route.status === 204 ? c.body(null, 204) : c.json(result, route.status);
    });
  }
}

function pathPattern(route: Route): RegExp {
  const source = route.path.replace(/\{\w+\}/g, '[^/]+');
  return new RegExp(`^${route.catchAll ? source.replace(/\[\^\/\]\+$/, '.+') : source}$`);
}

/** Answers requests no route took: 405 when the path exists for another method, else 404. */
export function unmatched(routes: readonly Route[]) {
  const patterns = routes.map((route) => ({
    method: route.method.toUpperCase(),
    pattern: pathPattern(route),
  }));
  return (c: Context) => {
    const methods = patterns.filter(({ pattern }) => pattern.test(c.req.path)).map(({ method }) => method);
    if (methods.length > 0) {
      c.header('Allow', [...new Set(methods)].join(', '));
      return c.json(
        new ApiError(405, ErrorCode.MethodNotAllowed, `${c.req.method} is not allowed on ${c.req.path}`).toBody(),
        405,
      );
    }
    return c.json(ApiError.notFound(`${c.req.method} ${c.req.path}`).toBody(), 404);
  };
}
