import type { IncomingHttpHeaders } from 'node:http';
import type { HopRequest } from './outbound-hop.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Names of what carries credentials on a request: removed as soon as a redirect leaves its origin. */
export interface CredentialNames {
  headers?: readonly string[];
  query?: readonly string[];
}

/**
 * The next hop of a redirect, or undefined when the answer is final. 307 and 308 keep the method and body; the
 * others continue as GET without a body. Leaving the origin drops `Authorization`, `Cookie` and every named
 * credential header and query parameter.
 */
export function nextHop(
  current: HopRequest,
  answer: { status: number; headers: IncomingHttpHeaders },
  credentials: CredentialNames = {},
): HopRequest | undefined {
  const location = answer.headers.location;
  if (!REDIRECTS.has(answer.status) || !location) return undefined;
  const url = new URL(location, current.url);
  const keepsMethod = answer.status === 307 || answer.status === 308;
  const method = keepsMethod || current.method === 'HEAD' ? current.method : 'GET';
  let headers = { ...current.headers };
  if (!keepsMethod) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
  }
  if (url.origin !== current.url.origin) {
    const names = new Set(['authorization', 'cookie', ...(credentials.headers ?? [])].map((h) => h.toLowerCase()));
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())));
    for (const name of credentials.query ?? []) url.searchParams.delete(name);
  }
  return { method, url, headers, body: keepsMethod ? current.body : undefined };
}
