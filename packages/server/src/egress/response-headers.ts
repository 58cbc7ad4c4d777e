import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 section 7.6.1 connection-specific fields, plus proxy credentials: never handed on either way. */
export const HOP_BY_HOP_HEADERS: readonly string[] = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

// Set-cookie never reaches callers.
const DROPPED = new Set([...HOP_BY_HOP_HEADERS, 'set-cookie', 'set-cookie2']);

/**
 * The headers of a third party's response that may be handed on: hop-by-hop headers (and those the
 * `Connection` header names) and cookies removed, repeated values joined with `, `.
 */
export function passableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED.has(name) || named.includes(name)) continue;
    result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
