import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import type { EgressPolicy } from './egress-policy.js';
import { OutboundError } from './outbound-error.js';
import { type HopRequest, openHop } from './outbound-hop.js';
import { type CredentialNames, nextHop } from './redirects.js';
import { passableHeaders } from './response-headers.js';

/** An outgoing request whose answer is streamed back rather than read whole. */
export interface StreamRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** A body in hand can follow a 307/308 redirect; a stream cannot (the redirect is then the answer). */
  body?: Buffer | Readable | undefined;
  /** What carries credentials: dropped when a redirect leaves the request's origin. */
  credentials?: CredentialNames;
}

/** Options of {@link streamOutbound}. */
export interface StreamOptions {
  /** Until the answer's headers (redirects included), then the longest silence between two chunks, in ms. */
  timeoutMs: number;
  /** The most bytes of answer passed on; past it the stream fails. */
  maxBytes: number;
  maxRedirects: number;
}

/** An answer whose body is still arriving. */
export interface StreamedResponse {
  status: number;
  /** Without hop-by-hop headers and `set-cookie`. */
  headers: Record<string, string>;
  /** Fails with OutboundError `too_large` past the cap, `timeout` after a silence, `network` when cut. */
  body: Readable;
  /** The URL that answered (after redirects). */
  url: URL;
}

/** The answer's body, cut off past `maxBytes` and after `timeoutMs` without a byte. */
function guarded(res: IncomingMessage, where: string, { timeoutMs, maxBytes }: StreamOptions): Readable {
  let size = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new OutboundError('too_large', `${where} sent more than ${maxBytes} bytes`));
      done(null, chunk);
    },
  });
  // On the socket, not res.setTimeout(ms, callback): the listener must go when the answer ends, before the
  // socket is pooled and serves someone else.
  const socket = res.socket;
  const onIdle = () => res.destroy(new OutboundError('timeout', `${where} sent nothing for ${timeoutMs} ms`));
  socket.setTimeout(timeoutMs);
  socket.on('timeout', onIdle);
  res.once('close', () => socket.removeListener('timeout', onIdle));
  res.on('error', (error) =>
    body.destroy(OutboundError.is(error) ? error : new OutboundError('network', `${where} failed: ${error.message}`)),
  );
  // A reader that gives up (the client went away) closes the upstream socket too.
  body.on('close', () => {
    if (!res.complete) res.destroy();
  });
  return res.pipe(body);
}

/**
 * Sends a request under the egress policy like {@link sendOutbound} (every hop checked and pinned, redirects
 * followed by hand while the body can be sent again, credentials dropped across origins) and resolves as soon as
 * the final answer's headers arrive, with its body as a stream.
 *
 * @throws EgressBlockedError when a hop's URL or address is blocked: that hop was not sent
 * @throws OutboundError `timeout`, `too_large` (a declared length over the cap), `too_many_redirects`, `network`
 */
export async function streamOutbound(
  policy: EgressPolicy,
  request: StreamRequest,
  options: StreamOptions,
): Promise<StreamedResponse> {
  const deadline = Date.now() + options.timeoutMs;
  let hop: HopRequest = { method: request.method, url: request.url, headers: request.headers, body: request.body };
  for (let redirects = 0; ; redirects++) {
    const where = `${hop.method} ${hop.url.origin}${hop.url.pathname}`;
    const left = deadline - Date.now();
    if (left <= 0) throw new OutboundError('timeout', `${where} did not answer within ${options.timeoutMs} ms`);
    const res = await openHop(policy, hop, left);
    const status = res.statusCode ?? 0;
    const next =
      hop.body === undefined || Buffer.isBuffer(hop.body)
        ? nextHop(hop, { status, headers: res.headers }, request.credentials)
        : undefined;
    if (!next) {
      if (Number(res.headers['content-length'] ?? 0) > options.maxBytes) {
        res.destroy();
        throw new OutboundError('too_large', `${where} answered with more than ${options.maxBytes} bytes`);
      }
      return { status, headers: passableHeaders(res.headers), body: guarded(res, where, options), url: hop.url };
    }
    // The redirect's own body is not wanted; reading it lets its socket go back to the pool.
    res.resume();
    if (redirects >= options.maxRedirects) {
      throw new OutboundError(
        'too_many_redirects',
        `${request.method} ${request.url.origin} redirected more than ${options.maxRedirects} times`,
      );
    }
    hop = next;
  }
}
