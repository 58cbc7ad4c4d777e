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
 * The Node request @hono/node-server serves, while nothing has read its body yet: the body can then be read
 * from Node's stream directly, without building fetch's `Request` around it (its URL, headers, abort signal and a
 * web stream over Node's), which cost more than the rest of reading a small JSON body. Undefined under
 * `app.request()`, and once anything started reading the body some other way (a body limit counting a chunked
 * body reads it through the `Request`, which then owns the stream).
 */
export function unreadNodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return undefined;
  return incoming.readableFlowing === null && !incoming.readableDidRead ? incoming : undefined;
}

/**
 * A request header as fetch's `Headers` reads it (repeats joined with ", "), for `name` in lower case. Served by
 * @hono/node-server, it is read from Node's raw headers, so a request that reads only a few headers never builds
 * a `Headers` of all of them (which validates every name and value).
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.header(name);
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let index = 0; index < raw.length; index += 2) {
    const key = raw[index] as string;
    if (key.length === name.length && key.toLowerCase() === name) {
      const found = raw[index + 1] as string;
      value = value === undefined ? found : `${value}, ${found}`;
    }
  }
  return value;
}
