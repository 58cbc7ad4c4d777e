/** An OAuth client registered with the sandbox. */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; a request with any other is refused. */
  redirectUris: string[];
}

/** A user who can sign in on the sandbox's consent page. */
export interface SandboxUser {
  username: string;
  password: string;
  name: string;
}

/** How the sandbox behaves. */
export interface SandboxOptions {
  /** The sandbox's own URL, used as `iss` in authorization responses. */
  issuer: string;
  clients: SandboxClient[];
  /** @default [{ username: 'demo', password: 'demo', name: 'Demo User' }] */
  users?: SandboxUser[];
  /** Access token lifetime in seconds. @default 60 */
  accessTokenTtl?: number;
  /** Sent as `Cross-Origin-Opener-Policy` on the authorize page, as some real providers do. @default none */
  crossOriginOpenerPolicy?: 'same-origin' | 'same-origin-allow-popups' | 'unsafe-none';
  /** Issue a new refresh token on every refresh (with reuse detection). When false, refresh responses omit it. @default true */
  rotateRefreshTokens?: boolean;
  /** Leave `expires_in` out of token responses, as some providers do. @default false */
  omitExpiresIn?: boolean;
  /**
   * API keys the key-protected API under `/keyed` accepts, in an `X-API-Key` header or an `api_key` query
   * parameter. @default ['sbx_key_demo_4f2a9c']
   */
  apiKeys?: string[];
  /** The clock, for tests. @default () => Date.now() */
  now?: () => number;
}
