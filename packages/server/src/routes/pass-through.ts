import { ErrorCode } from '@plugboard/shared';
import type { Context } from 'hono';
import { ApiError } from '../http/api-error.js';
import { unreadNodeRequest } from '../http/node-response.js';
import { requestIdOf } from '../http/request-id.js';
import { type Method, route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';
import { type PassThroughRequest, passThrough } from '../services/pass-through.js';
import type { TokenRefresher } from '../services/token-refresh.js';
import { UPSTREAM_CALL_ERRORS } from './actions.js';

/** The header that names the connection whose credentials a `/v1/proxy/{path}` request is sent with. */
export const CONNECTION_HEADER = 'plugboard-connection-id';

const PREFIX = '/v1/proxy';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The request's body as it streams in: none on GET and HEAD (asking fetch's Request for it would build that
 * Request, with its abort signal, only to learn it has none), Node's own stream when served by @hono/node-server
 * (no web stream wrapped around it), else the Request's.
 */
function bodyOf(c: Context): AsyncIterable<Uint8Array> | null {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return null;
  // Node's web streams are async iterables; the DOM typings of fetch's Request do not say so.
  return unreadNodeRequest(c) ?? (c.req.raw.body as AsyncIterable<Uint8Array> | null);
}

/** The proxied request as it arrived: the path and query as sent (not decoded), headers and body untouched. */
function requestOf(c: Context): PassThroughRequest {
  const connectionId = c.req.header(CONNECTION_HEADER);
  if (!connectionId) {
    throw ApiError.validation(
      [{ path: `headers.${CONNECTION_HEADER}`, message: 'Required' }],
      'Name the connection in the Plugboard-Connection-Id header',
    );
  }
  const url = new URL(c.req.url);
  return {
    connectionId,
    method: c.req.method,
    path: url.pathname.slice(PREFIX.length),
    search: url.search,
    headers: c.req.raw.headers,
    body: bodyOf(c),
  };
}

/**
 * The streaming proxy: `/v1/proxy/{path}` with any method hands the request on to that path of the connection's
 * API (HEAD goes with GET) and streams the answer back with its own status. Secret key only: the answer is the
 * third party's content, which must never be served to a browser signed in to the console on this origin.
 */
export const passThroughRoutes = (deps: ServiceDeps, refresher: TokenRefresher) =>
  METHODS.map((method) =>
    route({
      method,
      path: `${PREFIX}/{path}`,
      catchAll: true,
      tag: 'Actions',
      summary: `${method.toUpperCase()} a path of a connection's API with its credentials; the answer streams back with the API's own status and headers (set-cookie and hop-by-hop ones removed)`,
      operationId: `${method}ProxyPath`,
      description:
        "Hands the request (method, query as sent, headers minus hop-by-hop ones, credentials and Plugboard's own, streamed body) to a path of the connection's API with its credentials, and streams the answer back with its status and headers; the answer carries `Plugboard-Proxied: 1`. Plugboard's own refusals are JSON errors.",
      errors: [
        ...UPSTREAM_CALL_ERRORS,
        ErrorCode.ValidationFailed,
        ErrorCode.Forbidden,
        ErrorCode.PayloadTooLarge,
        ErrorCode.ProviderError,
      ],
      auth: 'secretKey',
      status: 200,
      produces: '*/*',
      ...(method === 'get' || method === 'delete' ? {} : { accepts: '*/*' }),
      headers: [
        {
          name: 'Plugboard-Connection-Id',
          description: 'The connection whose credentials are added; its connector API base URL is prefixed to path',
          required: true,
        },
      ],
      handler: async ({ auth, c }) => passThrough(deps, refresher, auth.organization.id, requestOf(c), requestIdOf(c)),
    }),
  );
