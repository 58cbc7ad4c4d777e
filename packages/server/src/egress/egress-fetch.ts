import { assertEgress, type EgressPolicy } from './egress-policy.js';

/** The fetch function {@link egressFetch} returns: fetch's signature, with a string or URL as the resource. */
export type EgressFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Wraps fetch so that every request first passes the egress policy and no redirect is ever followed
 * (a 3xx comes back as it is, so a redirect cannot lead to an address the policy blocks). Give it to
 * oauth4webapi as `[oauth.customFetch]`.
 *
 * @param policy - from {@link createEgressPolicy}
 * @param fetcher - the fetch to call once the URL passed. @default globalThis.fetch
 * @throws EgressBlockedError (from the returned function) before anything is sent
 * @example
 * ```ts
 * await oauth.refreshTokenGrantRequest(as, client, auth, token, { [oauth.customFetch]: egressFetch(policy) });
 * ```
 */
export function egressFetch(policy: EgressPolicy, fetcher: typeof fetch = globalThis.fetch): EgressFetch {
  return async (url, init = {}) => {
    await assertEgress(url, policy);
    return fetcher(url, { ...init, redirect: 'manual' });
  };
}
