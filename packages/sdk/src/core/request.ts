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

/** Sends API calls with a bearer credential and turns answers into data or typed errors. */
export type Send = <T>(request: ApiRequest, credential: string) => Promise<T>;

/** Encodes one path segment, so ids can never change the route. */
export const segment = (value: string) => encodeURIComponent(value);

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
  return async <T>(request: ApiRequest, credential: string): Promise<T> => {
    let response: Response;
    try {
      response = await http(request.path, {
        method: request.method,
        headers: { authorization: `Bearer ${credential}` },
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
