// An OAuth 2.0 token endpoint on loopback for tests of processes: it issues tokens that are due at once, rotates
// refresh tokens and refuses a reused one (invalid_grant), as strict providers do, and counts refresh grants.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a {@link startTokenEndpoint} issued and was asked. */
export interface TokenEndpoint {
  url: string;
  /** `host:port`, for `PLUGBOARD_EGRESS_ALLOW_HOSTS`. */
  host: string;
  /** The refresh grants it answered, per refresh token presented (a reused one is counted too). */
  refreshGrants: Map<string, number>;
  /** Refresh grants it refused because the refresh token was already used or unknown. */
  refused: number;
  /** Every access token it issued on a refresh, in order. */
  refreshedAccessTokens: string[];
  close(): Promise<void>;
}

/** The OAuth 2.0 connector method that signs in with a {@link TokenEndpoint}. */
export const tokenEndpointMethod = (url: string) => ({
  kind: 'oauth2' as const,
  authorizationUrl: `${url}/authorize`,
  tokenUrl: `${url}/token`,
  scopes: ['contacts'],
  clientId: 'plugboard',
  clientSecret: 'token-endpoint-secret',
});

/**
 * Starts a {@link TokenEndpoint}. The code grant answers `expires_in: 0`, so the first use of a connection
 * refreshes it; refreshed tokens last an hour. A refresh answer waits `refreshDelayMs`, so that concurrent
 * callers meet a refresh in progress.
 */
export async function startTokenEndpoint(refreshDelayMs = 100): Promise<TokenEndpoint> {
  let issued = 0;
  const live = new Set<string>();
  const endpoint = { refreshGrants: new Map<string, number>(), refused: 0, refreshedAccessTokens: [] as string[] };
  const issue = (expiresIn: number) => {
    issued++;
    live.add(`rt-${issued}`);
    return { access_token: `at-${issued}`, refresh_token: `rt-${issued}`, token_type: 'Bearer', expires_in: expiresIn };
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const answer = (status: number, body: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify(body));
      if (form.get('grant_type') === 'authorization_code') return answer(200, issue(0));
      const presented = form.get('refresh_token') ?? '';
      endpoint.refreshGrants.set(presented, (endpoint.refreshGrants.get(presented) ?? 0) + 1);
      if (!live.delete(presented)) {
        endpoint.refused++;
        return answer(400, { error: 'invalid_grant', error_description: 'The refresh token was used already' });
      }
      const tokens = issue(3600);
      endpoint.refreshedAccessTokens.push(tokens.access_token);
      setTimeout(() => answer(200, tokens), refreshDelayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
