import type { ErrorBody } from '@plugboard/shared';
import ky, { type KyInstance } from 'ky';
import { apiErrorFor } from '../errors/api-errors.js';
import { NetworkError, TimeoutError } from '../errors/transport-errors.js';

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

async function errorFrom(response: Response, request: ApiRequest) {
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

/** Creates the one function every resource sends its calls through. */
export function createSender({ baseUrl, timeout = 10_000, fetch: customFetch }: ClientOptions): Send {
  const http: KyInstance = ky.create({
    prefixUrl: `${baseUrl.replace(/\/+$/, '')}/v1`,
    timeout,
    throwHttpErrors: false,
    retry: { limit: 2, methods: ['get'] },
    ...(customFetch ? { fetch: customFetch } : {}),
  });
  return async <T>(request: ApiRequest, credential: Credential): Promise<T> => {
    let response: Response;
    try {
      response = await http(request.path, {
        method: request.method,
        ...authorization(request, credential),
        searchParams: searchParams(request.query),
        ...(request.body !== undefined ? { json: request.body } : {}),
      });
    } catch (error) {
      const path = `/v1/${request.path}`;
      if ((error as Error)?.name === 'TimeoutError') throw new TimeoutError(request.method, path, timeout, error);
      throw new NetworkError(request.method, path, error);
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
