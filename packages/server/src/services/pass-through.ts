import { Readable } from 'node:stream';
import { ErrorCode } from '@plugboard/shared';
import type { BuiltRequest } from '../actions/action-request.js';
import { apiBaseOf, joinApiPath } from '../actions/api-url.js';
import { injectCredentials } from '../actions/credential-injection.js';
import { bodyStreamError, type StreamedResponse, streamOutbound } from '../egress/index.js';
import { readWhole } from '../read-whole.js';
import {
  type ActionTarget,
  authMethodOf,
  callFactsOf,
  credentialsOf,
  loadTarget,
  spendTenantCall,
  upstreamError,
} from './action-runner.js';
import { recordedCall } from './call-log.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';
import { forwardedHeaders } from './pass-through-headers.js';
import type { TokenRefresher } from './token-refresh.js';

/** A request to hand on to a connection's API, as it reached `/v1/proxy/{path}`. */
export interface PassThroughRequest {
  connectionId: string;
  method: string;
  /** The path below the connector's base URL, as sent (still percent-encoded), starting with `/`. */
  path: string;
  /** The query string as sent, with its `?`, or empty. */
  search: string;
  headers: Headers;
  /** The body as it streams in (a web stream or Node's request), or null: none. */
  body: AsyncIterable<Uint8Array> | null;
}

/** The header that marks an answer as the third party's, so a client can tell it from Plugboard's own errors. */
export const PROXIED_HEADER = 'plugboard-proxied';

/** Bodies up to this size are read whole before sending, so they can be sent again after a 401 or a 307. */
const REPLAYABLE_BYTES = 64 * 1024;
const DEFAULT_MAX_STREAM_BYTES = 100 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new DomainError(ErrorCode.PayloadTooLarge, `The body is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`);

/**
 * The request body: in hand when it ends within {@link REPLAYABLE_BYTES}, else a stream of what was read and the
 * rest, which fails past `maxBytes`.
 */
async function bodyOf(
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer | Readable | undefined> {
  if (!body) return undefined;
  const reader = body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size <= REPLAYABLE_BYTES) {
    const { done, value } = await reader.next();
    if (done) return Buffer.concat(head);
    head.push(value);
    size += value.length;
  }
  async function* rest() {
    yield* head;
    let sent = size;
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      sent += next.value.length;
      if (sent > maxBytes) throw bodyStreamError(tooLarge(maxBytes));
      yield next.value;
    }
  }
  return Readable.from(rest(), { objectMode: false });
}

/**
 * Answers that declare a length up to this are read whole and handed on as one buffer: the server then writes
 * headers and body in one go rather than flushing the headers and piping a web stream after them, which costs
 * more than the rest of a small call. Larger answers, and those of unknown length, stream.
 */
const SMALL_ANSWER_BYTES = 64 * 1024;

/** A small answer's body in hand, or the answer's stream as a web stream. */
async function answerBodyOf(answer: StreamedResponse): Promise<Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>> {
  const declared = Number(answer.headers['content-length'] ?? Number.NaN);
  if (!(declared <= SMALL_ANSWER_BYTES)) return Readable.toWeb(answer.body) as unknown as ReadableStream<Uint8Array>;
  try {
    // A copy: a chunk of Node's parser may be a view of a larger, shared ArrayBuffer.
    return new Uint8Array(await readWhole(answer.body));
  } catch (error) {
    // Nothing was sent to the caller yet: a cut or silent answer is Plugboard's error, not a truncated 200.
    throw upstreamError(error);
  }
}

/** The third party's answer as the response to the caller: status, headers (cookies and hop-by-hop removed), body. */
async function responseOf(method: string, answer: StreamedResponse): Promise<Response> {
  if (answer.status < 200 || answer.status > 599) {
    answer.body.destroy();
    throw new DomainError(ErrorCode.ProviderError, `The API answered with status ${answer.status}`);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    try {
      headers.append(name, value);
    } catch {
      // A value fetch's Headers refuses (bytes outside Latin-1): dropped rather than failing the whole answer.
    }
  }
  headers.set(PROXIED_HEADER, '1');
  const empty = method === 'HEAD' || answer.status === 204 || answer.status === 205 || answer.status === 304;
  if (empty) answer.body.resume();
  return new Response(empty ? null : await answerBodyOf(answer), { status: answer.status, headers });
}

/**
 * Hands a request on to a path of a connection's API and streams the answer back: the connection's credentials
 * are injected, under the tenant's budget and the egress policy, with the timeout and size cap of
 * `deps.outbound`. An OAuth 2.0 API's 401 refreshes the token and sends the request once more, when its body
 * could be kept (none, or a small one); a large streamed body gets the 401 back as it is.
 *
 * @throws DomainError not_found, path_not_allowed, rate_limited, payload_too_large, egress_blocked,
 *   upstream_timeout, upstream_too_large, provider_error; needs_reauth, refresh_failed from the refresher
 */
export async function passThrough(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  request: PassThroughRequest,
  requestId?: string,
): Promise<Response> {
  const target: ActionTarget = await loadTarget(deps, organizationId, request.connectionId);
  const base = apiBaseOf(target.connector, target.connection.variables);
  const facts = { ...callFactsOf(target), kind: 'proxy' as const, method: request.method, requestId };
  return recordedCall(
    deps,
    { ...facts, url: base, path: request.path },
    () => sendThrough(deps, refresher, target, joinApiPath(base, request.path), request),
    (response) => response.status,
  );
}

/** {@link passThrough} once the target is known; recorded in the call log up to the answer's headers. */
async function sendThrough(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  target: ActionTarget,
  url: URL,
  request: PassThroughRequest,
): Promise<Response> {
  const { organizationId } = target;
  if (request.search.length > 1) url.search = url.search ? `${url.search}&${request.search.slice(1)}` : request.search;
  const { timeoutMs = 15_000, maxStreamBytes = DEFAULT_MAX_STREAM_BYTES, maxRedirects = 5 } = deps.outbound ?? {};
  const { method, handler } = authMethodOf(deps, target);
  const declared = Number(request.headers.get('content-length') ?? 0);
  // Refused before the budget is spent: bad input changes nothing.
  if (declared > maxStreamBytes) throw tooLarge(maxStreamBytes);
  const { connection } = target;
  const [, credentials] = await Promise.all([spendTenantCall(deps, target), credentialsOf(refresher, target)]);
  const body = await bodyOf(request.body, maxStreamBytes);
  const headers = forwardedHeaders(request.headers);
  if (body instanceof Readable && declared > 0) headers['content-length'] = String(declared);
  const send = async (values: Record<string, string>) => {
    const built: BuiltRequest = { method: request.method, url: new URL(url), headers: { ...headers } };
    const injected = injectCredentials(built, { method, values, handler });
    return streamOutbound(
      egressOf(deps),
      { ...built, body, credentials: injected },
      { timeoutMs, maxBytes: maxStreamBytes, maxRedirects },
    ).catch((error: unknown) => {
      throw upstreamError(error);
    });
  };
  let answer = await send(credentials.credentials);
  if (answer.status === 401 && connection.authKind === 'oauth2' && !(body instanceof Readable)) {
    answer.body.destroy();
    const rejected = credentials.credentials.accessToken ?? '';
    answer = await send((await refresher.refreshRejected(organizationId, connection.id, rejected)).credentials);
  }
  return responseOf(request.method, answer);
}
