import type { EgressPolicy } from './egress-policy.js';
import { OutboundError } from './outbound-error.js';
import { type HopRequest, sendHop } from './outbound-hop.js';
import { type CredentialNames, nextHop } from './redirects.js';
import { passableHeaders } from './response-headers.js';

/** An outgoing request to a third-party API. */
export interface OutboundRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  /**
   * Header names (any case) and query parameter names that carry credentials: removed as soon as a redirect
   * leaves the request's origin.
   */
  credentials?: CredentialNames;
}

/** Options of {@link sendOutbound}. */
export interface OutboundOptions {
  /** For the whole exchange, redirects included, in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** @default 5 MB (5 * 1024 * 1024) */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /**
   * The most bytes the streaming proxy (`/v1/proxy/{path}`) passes on in each direction: a request body past it
   * is refused with 413, an answer past it is cut off. Its timeout is `timeoutMs` until the answer's headers,
   * then as the longest silence while the answer streams. @default 100 MB
   */
  maxStreamBytes?: number;
}

/** The final answer, with headers fit to hand on. */
export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: URL;
}

/**
 * Sends a request to a third-party API under the egress policy: every hop's URL is checked and the socket is
 * pinned to the checked address; redirects are followed by hand (at most `maxRedirects`), each hop checked
 * again, credentials dropped once a redirect changes origin; the exchange is cut off at the timeout and at the
 * size cap; hop-by-hop headers and `set-cookie` are removed from the answer.
 *
 * @throws EgressBlockedError when a hop's URL or address is blocked: that hop was not sent
 * @throws OutboundError with `failure` `timeout`, `too_large`, `too_many_redirects` or `network`
 * @example
 * ```ts
 * const answer = await sendOutbound(policy, { method: 'GET', url: new URL('https://api.acme.example/me') });
 * ```
 */
export async function sendOutbound(
  policy: EgressPolicy,
  request: OutboundRequest,
  options: OutboundOptions = {},
): Promise<OutboundResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  // One deadline for the whole exchange: redirects share it rather than each getting the full timeout.
  const deadline = Date.now() + timeoutMs;
  const maxRedirects = options.maxRedirects ?? 5;
  let hop: HopRequest = {
    method: request.method,
    url: new URL(request.url),
    headers: { ...request.headers },
    body: request.body,
  };
  for (let redirects = 0; ; redirects++) {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new OutboundError(
        'timeout',
        `${request.method} ${request.url.origin} did not answer within ${timeoutMs} ms`,
      );
    }
    const answer = await sendHop(policy, hop, { timeoutMs: left, maxBytes });
    const next = nextHop(hop, answer, request.credentials);
    if (!next)
      return { status: answer.status, headers: passableHeaders(answer.headers), body: answer.body, url: hop.url };
    if (redirects >= maxRedirects) {
      throw new OutboundError(
        'too_many_redirects',
        `${request.method} ${request.url.origin} redirected more than ${maxRedirects} times`,
      );
    }
    hop = next;
  }
}
