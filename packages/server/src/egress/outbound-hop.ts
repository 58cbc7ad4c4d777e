import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EgressBlockedError } from './egress-error.js';
import { checkEgress, type EgressPolicy } from './egress-policy.js';
import { OutboundError } from './outbound-error.js';
import { pinnedLookup } from './pinned-lookup.js';

/** One HTTP exchange, before redirects are considered. */
export interface HopResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What one hop sends. */
export interface HopRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | undefined;
}

/** Limits of one hop. */
export interface HopLimits {
  /** Whole exchange, connect to last byte, in milliseconds. */
  timeoutMs: number;
  /** Largest response body, in bytes. */
  maxBytes: number;
}

/**
 * Sends one request after the egress policy checked its URL, connected to the checked address only
 * (see {@link pinnedLookup}), and reads the answer up to the size cap.
 *
 * @throws EgressBlockedError before anything is sent
 * @throws OutboundError on timeout, an answer over the cap, or a network failure
 */
export async function sendHop(policy: EgressPolicy, hop: HopRequest, limits: HopLimits): Promise<HopResponse> {
  const decision = await checkEgress(hop.url, policy);
  if (!decision.allowed) throw new EgressBlockedError(decision.reason, decision.message);
  const send = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `${hop.method} ${hop.url.origin}${hop.url.pathname}`;
  return new Promise<HopResponse>((resolve, reject) => {
    const fail = (error: Error) => {
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new OutboundError('timeout', `${where} did not answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    const req = send(hop.url, {
      method: hop.method,
      // Compressed answers would reach callers as bytes they cannot read: ask for the plain encoding.
      headers: {
        ...hop.headers,
        'accept-encoding': 'identity',
        ...(hop.body ? { 'content-length': String(hop.body.length) } : {}),
      },
      lookup: pinnedLookup(decision.addresses),
      // A shared agent could hand back a socket opened for an earlier, differently resolved request.
      agent: false,
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(OutboundError.is(error) ? error : new OutboundError('network', `${where} failed: ${error.message}`));
    });
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length'] ?? 0);
      const tooLarge = () =>
        fail(new OutboundError('too_large', `${where} answered with more than ${limits.maxBytes} bytes`));
      if (declared > limits.maxBytes) {
        clearTimeout(timer);
        return tooLarge();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          clearTimeout(timer);
          res.destroy();
          return tooLarge();
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(new OutboundError('network', `${where} failed: ${error.message}`));
      });
    });
    req.end(hop.body);
  });
}
