import { ErrorCode } from '@plugboard/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { readWhole } from '../read-whole.js';
import { ApiError, toIssues } from './api-error.js';
import { requestHeader, unreadNodeRequest } from './node-response.js';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Parses a value with a schema or throws 400 `validation_failed` with every issue. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw ApiError.validation(toIssues(result.error, prefix));
  return result.data;
}

// Stateless between calls (no `stream: true`), so one decoder serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON body and validates it.
 * @throws ApiError 415 without a JSON content type, 400 for bad JSON or schema failures.
 */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = requestHeader(c, 'content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ApiError(
      415,
      ErrorCode.UnsupportedMediaType,
      'Send the body as JSON with Content-Type: application/json',
    );
  }
  // The size was enforced as the body arrived (see limitBodySize), so reading it whole is safe.
  const incoming = unreadNodeRequest(c);
  const bytes = incoming ? await readWhole(incoming) : await c.req.arrayBuffer();
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ApiError(400, ErrorCode.InvalidJson, 'The body is not valid JSON');
  }
  return parseWith(schema, value);
}

/**
 * A middleware that stops reading a request body past `maxBytes`, declared (Content-Length) or streamed, with 413
 * `payload_too_large`: the body is never buffered beyond the cap.
 */
export const limitBodySizeTo = (maxBytes: number): MiddlewareHandler =>
  bodyLimited(maxBytes, () => {
    throw new ApiError(413, ErrorCode.PayloadTooLarge, `The body is larger than ${Math.floor(maxBytes / 1024)} KB`);
  });

/**
 * Hono's body limit, skipped on GET and HEAD, which carry no body (fetch's Request refuses one, and
 * @hono/node-server gives them none). A body of declared length served by @hono/node-server is checked by its
 * header alone, as Hono's limit does (Node's parser reads no byte past the declared length), without asking for
 * the body: that would build the full `Request`, with its abort signal and a web stream over Node's, on every call.
 */
function bodyLimited(maxBytes: number, onError: () => never): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = unreadNodeRequest(c) ? requestHeader(c, 'content-length') : undefined;
    if (declared === undefined || requestHeader(c, 'transfer-encoding') !== undefined) return limit(c, next);
    return Number.parseInt(declared, 10) > maxBytes ? onError() : next();
  };
}

/** Stops reading a request body past {@link MAX_BODY_BYTES}, declared or streamed, with 413 `payload_too_large`. */
export const limitBodySize = limitBodySizeTo(MAX_BODY_BYTES);

/** The largest body of a connector create or update, or an agent run's review: 2,000 actions with their inputs. */
export const MAX_CONNECTOR_BODY_BYTES = 8 * 1024 * 1024;

/** {@link limitBodySize} for the routes that take a whole connector. */
export const limitConnectorBodySize = limitBodySizeTo(MAX_CONNECTOR_BODY_BYTES);

/** The largest body of `POST /v1/agent/runs`: a 50 MB spec, JSON-escaped, with the rest of the body. */
export const MAX_AGENT_BODY_BYTES = 60 * 1024 * 1024;

/** {@link limitBodySize} for the one route that takes an uploaded spec. */
export const limitAgentBodySize = bodyLimited(MAX_AGENT_BODY_BYTES, () => {
  throw new ApiError(413, ErrorCode.PayloadTooLarge, 'The body is larger than 60 MB');
});
