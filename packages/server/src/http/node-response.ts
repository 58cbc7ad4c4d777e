import { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** What @hono/node-server passes a request as `c.env`: the Node request and response it serves. */
interface NodeBindings {
  incoming?: unknown;
  outgoing?: unknown;
}

/**
 * The Node response @hono/node-server writes this request's answer to; undefined when the app answers
 * `app.request()` (the tests) or runs elsewhere. Headers set on it with `setHeader` before the answer is
 * written are defaults: those of the answer itself (`writeHead`) win.
 */
export function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

/**
 * A request header as the caller sent it. Served by @hono/node-server, it is read from Node's own parsed headers,
 * so a request that reads no other header never builds a fetch `Headers` of all of them. Only for headers Node
 * joins with ", " when repeated, as fetch does (not `authorization`, whose repeats Node drops).
 */
export function joinedRequestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
