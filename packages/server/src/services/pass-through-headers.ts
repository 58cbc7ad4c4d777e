import { HOP_BY_HOP_HEADERS } from '../egress/index.js';

// Hop-by-hop fields and the framing Node sets itself, the caller's credential for Plugboard (its secret key) and
// cookies, and what would tell the third party about the vendor's own network.
const DROPPED = new Set([
  ...HOP_BY_HOP_HEADERS,
  'host',
  'content-length',
  'expect',
  'authorization',
  'cookie',
  'forwarded',
  'x-real-ip',
]);
const DROPPED_PREFIXES = ['plugboard-', 'x-plugboard-', 'x-forwarded-'];

/**
 * The headers of a request to `/v1/proxy/{path}` that go on to the third party: hop-by-hop headers (and those the
 * `Connection` header names), `Host`, `Authorization` and `Cookie` (they are for Plugboard), Plugboard's own
 * headers and forwarding headers removed. The connection's credentials are added after.
 */
export function forwardedHeaders(headers: Headers): Record<string, string> {
  const named = new Set(
    (headers.get('connection') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (DROPPED.has(name) || named.has(name) || DROPPED_PREFIXES.some((prefix) => name.startsWith(prefix))) return;
    result[name] = value;
  });
  return result;
}
