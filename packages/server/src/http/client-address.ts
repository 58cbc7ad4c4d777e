import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The key of requests whose address is unknown (in-process `app.request()`, a runtime without sockets). */
export const UNKNOWN_CLIENT = 'unknown';

/** The first four groups of an IPv6 address, expanded: one host usually holds a whole /64. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * What rate limits count one client by: its IPv4 address, or its IPv6 /64 network (an IPv4-mapped IPv6
 * address counts as the IPv4 one). Anything else is kept as given, cut short.
 */
export function clientKeyOf(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped) return mapped;
  if (isIP(bare) === 6) return ipv6Prefix64(bare.split('%')[0] ?? bare);
  return bare.slice(0, 64) || UNKNOWN_CLIENT;
}

/**
 * The address of the client a request comes from. With `trustedProxyHops` 0 (the default) it is the TCP peer's,
 * and `X-Forwarded-For` is ignored: anyone can send that header. Behind N proxies that each append the address
 * they received from, the N-th entry from the right is the one the outermost proxy saw; entries further left
 * were written by the client and are not trusted. With fewer entries than hops, the left-most is taken.
 *
 * @example
 * ```ts
 * clientAddress(c, 1); // "X-Forwarded-For: 6.6.6.6, 203.0.113.7" from the one proxy gives "203.0.113.7"
 * ```
 */
export function clientAddress(c: Context, trustedProxyHops = 0): string {
  if (trustedProxyHops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const chosen = entries[Math.max(0, entries.length - trustedProxyHops)];
    if (chosen) return chosen;
  }
  try {
    return getConnInfo(c).remote.address ?? UNKNOWN_CLIENT;
  } catch {
    // No Node socket behind this request (app.request() in process): every such caller shares one key.
    return UNKNOWN_CLIENT;
  }
}
