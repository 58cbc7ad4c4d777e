import type { ErrorCode } from '@plugboard/shared';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AdminAuth, ConsoleAuth, SecretKeyAuth, SessionAuth } from './auth.js';

/** HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: validated input and who is calling. */
export interface HandlerInput<A, B, Q> {
  c: Context;
  auth: A;
  body: Infer<B>;
  query: Infer<Q>;
  params: Record<string, string>;
}

/**
 * An error a route's handler can answer with: its code, at the status `ERROR_STATUS` (http/error-response.ts)
 * gives it, or at another status where the handler uses one (`{ status: 502, code: 'egress_blocked' }`).
 */
export type RouteError = ErrorCode | { status: ContentfulStatusCode; code: ErrorCode };

interface RouteBase<B, Q> {
  method: Method;
  /** OpenAPI-style path, e.g. `/v1/connectors/{id}`. */
  path: string;
  /**
   * The operation's stable name in the OpenAPI document and generated clients: camelCase, a verb then what it
   * acts on (`listConnectors`, `getConnectionCredentials`). Never change a published one.
   */
  operationId: string;
  /** One line: what the operation does. */
  summary: string;
  /** What a caller needs to know beyond the summary: who may call it, what it changes, what it returns. */
  description: string;
  tag: string;
  /**
   * The errors the handler itself can answer with. Those of authentication (from `auth`), of reading the body
   * and query (from `body` and `query`) and `internal_error` are added to the document without being listed.
   */
  errors?: readonly RouteError[];
  body?: B;
  query?: Q;
  /** Schema of a successful response body; omitted for 204. */
  response?: z.ZodType;
  /** The media type of a response that is not JSON, e.g. `text/event-stream`; the handler returns a Response. */
  produces?: string;
  /** The media type of a request body the handler reads itself, unparsed, e.g. `application/octet-stream`. */
  accepts?: string;
  /** The last path parameter takes the rest of the path, slashes included (`/v1/proxy/{path}`). */
  catchAll?: boolean;
  /** Request headers the route reads, for the OpenAPI document. */
  headers?: readonly { name: string; description: string; required: boolean }[];
  status: 200 | 201 | 204;
  /** Other statuses a handler that returns a Response answers with, in `produces`'s media type (a failure page). */
  alsoAnswers?: Partial<Record<400 | 404 | 410, string>>;
}

/**
 * One API route, declared once. `auth` says who may call it: `admin` a secret key or a console member,
 * `secretKey` a secret key only (routes that hand out secrets), `console` a console member only, `session` a
 * connect session token, `none` anyone. The handler is mounted with validation from these schemas,
 * and the OpenAPI document is generated from the same declaration.
 */
export type Route<B = unknown, Q = unknown> =
  | (RouteBase<B, Q> & { auth: 'admin'; handler(input: HandlerInput<AdminAuth, B, Q>): Promise<unknown> })
  | (RouteBase<B, Q> & { auth: 'secretKey'; handler(input: HandlerInput<SecretKeyAuth, B, Q>): Promise<unknown> })
  | (RouteBase<B, Q> & { auth: 'console'; handler(input: HandlerInput<ConsoleAuth, B, Q>): Promise<unknown> })
  | (RouteBase<B, Q> & { auth: 'session'; handler(input: HandlerInput<SessionAuth, B, Q>): Promise<unknown> })
  | (RouteBase<B, Q> & { auth: 'none'; handler(input: HandlerInput<undefined, B, Q>): Promise<unknown> });

/** Declares a route with its input types inferred from its schemas. */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  definition: Route<B, Q>,
): Route {
  return definition as Route;
}
