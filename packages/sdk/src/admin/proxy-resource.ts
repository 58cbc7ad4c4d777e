import { type ClientOptions, errorFrom } from '../core/request.js';
import { NetworkError } from '../errors/network-error.js';

/** The header the server marks the third party's own answers with, to tell them from Plugboard's errors. */
const PROXIED_HEADER = 'plugboard-proxied';

/**
 * The streaming proxy: requests to any path of a connection's API, with its credentials added by Plugboard, whose
 * answers come back as they are (status, headers, a streamed body).
 */
export class ProxyResource {
  constructor(
    private readonly options: ClientOptions,
    private readonly secretKey: string,
  ) {}

  /**
   * Sends a request to `path` under the connection's API base URL through `/v1/proxy/{path}` and returns the
   * API's answer as a standard `Response`, unread: a 4xx or 5xx of the API is a `Response` too. Takes the `init`
   * of `fetch` (method, headers, body, signal); a streamed body needs no `duplex` option. Hop-by-hop headers,
   * `Authorization` and `Cookie` are not passed on; the connection's credentials are added. There is no timeout
   * beyond the server's (pass `signal` for one), and nothing is retried.
   *
   * @param connectionId - the connection whose credentials are used
   * @param path - below the API base URL, with its query: `/contacts?limit=10`
   * @throws PlugboardApiError subclasses when Plugboard refuses: ValidationError (`path_not_allowed`,
   *   `egress_blocked`, `validation_failed`), NotFoundError, RateLimitError, ServerError (`upstream_timeout`,
   *   `provider_error`)
   * @throws NetworkError when the server cannot be reached
   * @example
   * ```ts
   * const response = await plugboard.proxy.fetch('cxn_1', '/files/report.pdf');
   * const pdf = new Uint8Array(await response.arrayBuffer());
   * ```
   */
  async fetch(connectionId: string, path: string, init: RequestInit = {}): Promise<Response> {
    const route = `/v1/proxy${path.startsWith('/') ? path : `/${path}`}`;
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.secretKey}`);
    headers.set('plugboard-connection-id', connectionId);
    const method = (init.method ?? 'GET').toUpperCase();
    const streamed = typeof ReadableStream !== 'undefined' && init.body instanceof ReadableStream;
    let response: Response;
    try {
      response = await (this.options.fetch ?? globalThis.fetch)(`${this.options.baseUrl.replace(/\/+$/, '')}${route}`, {
        ...init,
        method,
        headers,
        ...(streamed ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw new NetworkError(method, route, error);
    }
    if (response.ok || response.headers.has(PROXIED_HEADER)) return response;
    throw await errorFrom(response, { method, path: route.slice('/v1/'.length) });
  }
}
