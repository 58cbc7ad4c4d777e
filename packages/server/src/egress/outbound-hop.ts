import { type Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { EgressBlockedError } from './egress-error.js';
import { checkEgress, type EgressPolicy } from './egress-policy.js';
import { OutboundError } from './outbound-error.js';

/** One HTTP exchange, before redirects are considered. */
export interface HopResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What one hop sends: a body in hand (which can be sent again), or a stream (which cannot). */
export interface HopRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | Readable | undefined;
}

/** Limits of one hop. */
export interface HopLimits {
  /** Whole exchange, connect to last byte, in milliseconds. */
  timeoutMs: number;
  /** Largest response body, in bytes. */
  maxBytes: number;
}

const describe = (hop: HopRequest) => `${hop.method} ${hop.url.origin}${hop.url.pathname}`;

/** Errors a request body stream raises itself (a cap it enforces) reach the caller as they are. */
const OWN_ERROR = Symbol('plugboard.outbound.own-error');

/** Marks an error a request body stream raises so {@link openHop} rejects with it unchanged. */
export function bodyStreamError<E extends Error>(error: E): E {
  Object.defineProperty(error, OWN_ERROR, { value: true });
  return error;
}

function send(hop: HopRequest, agent: Agent, timeoutMs: number): Promise<IncomingMessage> {
  const request = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = describe(hop);
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(hop.url, {
      method: hop.method,
      headers: Buffer.isBuffer(hop.body) ? { ...hop.headers, 'content-length': String(hop.body.length) } : hop.headers,
      agent,
    });
    const fail = (error: Error) => {
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new OutboundError('timeout', `${where} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      if (OWN_ERROR in error || OutboundError.is(error)) return reject(error);
      // A pooled socket the server closed just as it was reused: the request never reached the server.
      const stale = req.reusedSocket && error.code === 'ECONNRESET';
      reject(new OutboundError('network', `${where} failed: ${error.message}`, { cause: stale ? 'stale' : error }));
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    if (hop.body === undefined || Buffer.isBuffer(hop.body)) req.end(hop.body);
    else {
      hop.body.once('error', (error) => req.destroy(error));
      hop.body.pipe(req);
    }
  });
}

/**
 * Sends one request after the egress policy checked its URL, on a keep-alive socket whose connections go to the
 * checked addresses only (see {@link OutboundAgents}), and resolves with the answer once its headers arrived;
 * its body is left for the caller to read. A request with no body or a body in hand is sent once more, on a new
 * socket, when a pooled socket turns out to be closed.
 *
 * @param timeoutMs - until the answer's headers arrive
 * @throws EgressBlockedError before anything is sent
 * @throws OutboundError `timeout` or `network`; an error of the body stream marked with {@link bodyStreamError}
 */
export async function openHop(policy: EgressPolicy, hop: HopRequest, timeoutMs: number): Promise<IncomingMessage> {
  const decision = await checkEgress(hop.url, policy);
  if (!decision.allowed) throw new EgressBlockedError(decision.reason, decision.message);
  const agent = policy.agents.agentFor(hop.url, decision.addresses);
  const started = Date.now();
  try {
    return await send(hop, agent, timeoutMs);
  } catch (error) {
    const replayable = hop.body === undefined || Buffer.isBuffer(hop.body);
    if (!replayable || !OutboundError.is(error) || error.cause !== 'stale') throw error;
    return send(hop, agent, Math.max(1, timeoutMs - (Date.now() - started)));
  }
}

/**
 * Sends one request with {@link openHop} and reads the answer up to the size cap, all within the timeout.
 *
 * @throws EgressBlockedError before anything is sent
 * @throws OutboundError on timeout, an answer over the cap, or a network failure
 */
export async function sendHop(policy: EgressPolicy, hop: HopRequest, limits: HopLimits): Promise<HopResponse> {
  const deadline = Date.now() + limits.timeoutMs;
  // Compressed answers would reach callers as bytes they cannot read: ask for the plain encoding.
  const plain = { ...hop, headers: { ...hop.headers, 'accept-encoding': 'identity' } };
  const res = await openHop(policy, plain, limits.timeoutMs);
  const where = describe(hop);
  const tooLarge = () => new OutboundError('too_large', `${where} answered with more than ${limits.maxBytes} bytes`);
  if (Number(res.headers['content-length'] ?? 0) > limits.maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  return new Promise<HopResponse>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      res.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new OutboundError('timeout', `${where} did not answer within ${limits.timeoutMs} ms`)),
      Math.max(1, deadline - Date.now()),
    );
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return fail(tooLarge());
      chunks.push(chunk);
    });
    res.on('end', () => {
      clearTimeout(timer);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
    });
    res.on('error', (error) => fail(new OutboundError('network', `${where} failed: ${error.message}`)));
  });
}
