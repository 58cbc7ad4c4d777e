import type { ErrorBody } from '@plugboard/shared';
import { apiErrorFor } from '../errors/api-error-for.js';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';

/** Options shared by both clients. */
export interface ClientOptions {
  /** Where the Plugboard server runs, e.g. `https://plugboard.example.com`. */
  baseUrl: string;
  /**
   * Milliseconds to wait for each answer.
   * @default 10_000
   */
  timeout?: number;
  /** A `fetch` to use instead of the global one (tests, custom agents, other runtimes). */
  fetch?: typeof fetch;
}

/** One API call. `path` is below `/v1`; query values left undefined are dropped. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: unknown;
}

/**
 * How a request proves who sends it: a bearer credential (a secret key or a connect session token), or the
 * console's session cookie, which the browser sends itself, with its CSRF token on requests that change
 * something.
 */
export type Credential = { bearer: string } | { cookie: true; csrfToken: string | undefined };

/** Header that carries the console session's CSRF token. */
export const CSRF_HEADER = 'x-plugboard-csrf';

/** Sends API calls with a credential and turns answers into data or typed errors. */
export type Send = <T>(request: ApiRequest, credential: Credential) => Promise<T>;

/** Encodes one path segment, so ids can never change the route. */
export const segment = (value: string) => encodeURIComponent(value);

function authorization(request: ApiRequest, credential: Credential) {
  if ('bearer' in credential) return { headers: { authorization: `Bearer ${credential.bearer}` } };
  const write = request.method !== 'GET';
  return {
    credentials: 'include' as const,
    headers: write && credential.csrfToken ? { [CSRF_HEADER]: credential.csrfToken } : {},
  };
}

function searchParams(query: ApiRequest['query']) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  return params;
}

/**
 * The typed error of a Plugboard error answer, read from its JSON body (or its status and a short excerpt when
 * something else answered).
 */
export async function errorFrom(response: Response, request: { method: string; path: string }) {
  const text = await response.text().catch(() => '');
  let body: Partial<ErrorBody> = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy or load balancer answered; keep the status and a short excerpt.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return apiErrorFor({
    status: response.status,
    code: body.error?.code ?? (response.status >= 500 ? 'internal_error' : 'not_found'),
    message: body.error?.message ?? (text.slice(0, 200) || response.statusText || 'No message'),
    method: request.method,
    path: `/v1/${request.path}`,
    details: body.error?.details,
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  });
}

/** How many times a GET is sent again, and the first pause before that (doubled each time). */
const GET_RETRIES = 2;
const RETRY_DELAY_MS = 300;
/** Answers of a server that is restarting or overloaded behind its load balancer: a GET is worth another try. */
const RETRIED_STATUSES = new Set([502, 503, 504]);
/** The longest `Retry-After` a retried GET waits for; a longer one is the caller's to decide on. */
const MAX_RETRY_AFTER_MS = 5_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause before retry number `tries + 1`: the server's `Retry-After` when it gave one, else the backoff. */
function retryDelay(tries: number, response?: Response): number | undefined {
  const retryAfter = Number(response?.headers.get('retry-after') ?? Number.NaN) * 1000;
  if (!Number.isFinite(retryAfter)) return RETRY_DELAY_MS * 2 ** tries;
  return retryAfter <= MAX_RETRY_AFTER_MS ? Math.max(retryAfter, 0) : undefined;
}

/**
 * Creates the one function every resource sends its calls through: plain `fetch` with a timeout per attempt. A GET
 * that got no answer (a dropped connection) or a 502, 503 or 504 (a replica restarting in a deploy) is sent again
 * twice after a short pause, or after the `Retry-After` the server asked for. Only GETs are retried, since a write
 * that got no answer may have happened.
 */
export function createSender({ baseUrl, timeout = 10_000, fetch: customFetch }: ClientOptions): Send {
  const prefix = `${baseUrl.replace(/\/+$/, '')}/v1/`;
  const attempt = async (request: ApiRequest, credential: Credential): Promise<Response> => {
    const auth = authorization(request, credential);
    const query = searchParams(request.query).toString();
    const hasBody = request.body !== undefined;
    return (customFetch ?? globalThis.fetch)(`${prefix}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...auth.headers,
      },
      ...('credentials' in auth ? { credentials: auth.credentials } : {}),
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(timeout),
    });
  };
  return async <T>(request: ApiRequest, credential: Credential): Promise<T> => {
    const path = `/v1/${request.path}`;
    let response: Response | undefined;
    for (let tries = 0; !response; tries++) {
      const retries = request.method === 'GET' && tries < GET_RETRIES;
      try {
        response = await attempt(request, credential);
      } catch (error) {
        if ((error as Error)?.name === 'TimeoutError') throw new TimeoutError(request.method, path, timeout, error);
        if (!retries) throw new NetworkError(request.method, path, error);
        await pause(retryDelay(tries) ?? 0);
        continue;
      }
      const delay = retries && RETRIED_STATUSES.has(response.status) ? retryDelay(tries, response) : undefined;
      if (delay !== undefined) {
        // The answer is dropped, not read: cancelling frees its connection (awaiting it can stall on some fetches).
        void response.body?.cancel().catch(() => {});
        response = undefined;
        await pause(delay);
      }
    }
    if (!response.ok) throw await errorFrom(response, request);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/** Opens a streaming API call (server-sent events) with a credential; the answer's body is left unread. */
export type Open = (request: ApiRequest, credential: Credential, options?: StreamOptions) => Promise<Response>;

/** Options of a streaming call. */
export interface StreamOptions {
  signal?: AbortSignal | undefined;
  /** Sent as `Last-Event-ID`: the stream resumes after this event. */
  lastEventId?: string | undefined;
}

/**
 * Creates the function streaming calls go through: plain `fetch` (no timeout or retry, the stream stays open),
 * the same credentials and error mapping as {@link createSender}.
 */
export function createOpener({ baseUrl, fetch: customFetch }: ClientOptions): Open {
  return async (request, credential, { signal, lastEventId } = {}) => {
    const path = `/v1/${request.path}`;
    const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
    const auth = authorization(request, credential);
    let response: Response;
    try {
      response = await (customFetch ?? globalThis.fetch)(url, {
        method: request.method,
        headers: {
          accept: 'text/event-stream',
          ...auth.headers,
          ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
        },
        ...('credentials' in auth ? { credentials: auth.credentials } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new NetworkError(request.method, path, error);
    }
    if (!response.ok) throw await errorFrom(response, request);
    return response;
  };
}
