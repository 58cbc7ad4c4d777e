/** An error with the stable `code` the store branches on, like the SDK's errors. */
export interface TokenFetchError extends Error {
  code: 'session_expired' | 'unauthenticated';
}

/**
 * Wraps the vendor's `fetchSessionToken` for the SDK. The SDK calls it for the first token and again
 * when the session expires; when a renewal fails, the session is over and nothing in the widget can
 * mend it, so the failure is reported as `session_expired` (the store then fires
 * `plugboard:session-expired`). A failing first fetch is `unauthenticated`: there never was a session.
 *
 * @param fetchToken - the vendor's callback
 * @param hasToken - whether a token was given up front, which makes the first call a renewal
 * @returns a callback for `PlugboardSession`'s `fetchToken`
 * @throws {TokenFetchError} from the returned callback when `fetchToken` rejects or yields no token
 * @example
 * ```ts
 * new PlugboardSession({ baseUrl, fetchToken: tokenSource(element.fetchSessionToken, false) });
 * ```
 */
export function tokenSource(fetchToken: () => Promise<string>, hasToken: boolean): () => Promise<string> {
  let renewing = hasToken;
  return async () => {
    try {
      const token = await fetchToken();
      if (typeof token !== 'string' || token === '') throw new TypeError('fetchSessionToken gave no token');
      renewing = true;
      return token;
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      const error = new Error(`No ${renewing ? 'new ' : ''}session token could be fetched: ${reason}`, { cause });
      return Promise.reject(Object.assign(error, { code: renewing ? 'session_expired' : 'unauthenticated' }));
    }
  };
}
