import { createHash, randomBytes } from 'node:crypto';

const random = () => randomBytes(24).toString('base64url');

interface Grant {
  clientId: string;
  username: string;
  scope: string;
}

interface Code extends Grant {
  redirectUri: string;
  codeChallenge: string | undefined;
  expiresAt: number;
}

interface AccessToken extends Grant {
  expiresAt: number;
  family: string;
}

interface RefreshToken extends Grant {
  family: string;
  used: boolean;
}

/** A pair of tokens as the token endpoint returns them. */
export interface IssuedTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Why a grant was refused, as OAuth error codes. */
export class GrantError extends Error {
  override name = 'GrantError' as const;
  constructor(
    readonly error: 'invalid_grant' | 'invalid_request' | 'invalid_client' | 'unsupported_grant_type',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The sandbox's memory: codes (single use, 60 s), access tokens, and refresh tokens in families.
 * A refresh token works once; using it again revokes its whole family, as careful providers do.
 */
export class TokenStore {
  readonly #codes = new Map<string, Code>();
  readonly #access = new Map<string, AccessToken>();
  readonly #refresh = new Map<string, RefreshToken>();
  readonly #revokedFamilies = new Set<string>();
  /** How many times the token endpoint issued or refused tokens, by grant type: tests count refreshes. */
  readonly calls = { authorization_code: 0, refresh_token: 0 };

  constructor(
    private readonly now: () => number,
    private readonly accessTokenTtl: number,
    private readonly behaviour: { rotateRefreshTokens: boolean; omitExpiresIn: boolean } = {
      rotateRefreshTokens: true,
      omitExpiresIn: false,
    },
  ) {}

  issueCode(grant: Omit<Code, 'expiresAt'>): string {
    const code = random();
    this.#codes.set(code, { ...grant, expiresAt: this.now() + 60_000 });
    return code;
  }

  /** Exchanges a code once, checking client, redirect URI and PKCE verifier. */
  redeemCode(code: string, clientId: string, redirectUri: string, verifier: string | undefined): IssuedTokens {
    this.calls.authorization_code++;
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    if (!grant || grant.expiresAt < this.now())
      throw new GrantError('invalid_grant', 'The code is unknown, used or expired');
    if (grant.clientId !== clientId) throw new GrantError('invalid_grant', 'The code was issued to another client');
    if (grant.redirectUri !== redirectUri) throw new GrantError('invalid_grant', 'redirect_uri does not match');
    if (grant.codeChallenge) {
      const challenge = verifier && createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== grant.codeChallenge) throw new GrantError('invalid_grant', 'The PKCE verifier does not match');
    }
    return this.#issue(grant, random());
  }

  /** Rotates a refresh token; reuse of a spent one revokes its family. */
  refresh(token: string, clientId: string): Omit<IssuedTokens, 'refresh_token'> & { refresh_token?: string } {
    this.calls.refresh_token++;
    const grant = this.#refresh.get(token);
    if (!grant || grant.clientId !== clientId || this.#revokedFamilies.has(grant.family)) {
      throw new GrantError('invalid_grant', 'The refresh token is unknown or revoked');
    }
    if (grant.used) {
      this.revokeFamily(grant.family);
      throw new GrantError('invalid_grant', 'The refresh token was already used; its family is revoked');
    }
    if (!this.behaviour.rotateRefreshTokens) {
      const { refresh_token: _unused, ...tokens } = this.#issue(grant, grant.family);
      return tokens;
    }
    grant.used = true;
    return this.#issue(grant, grant.family);
  }

  #issue(grant: Grant, family: string): IssuedTokens {
    const accessToken = `sbx_at_${random()}`;
    const refreshToken = `sbx_rt_${random()}`;
    const { clientId, username, scope } = grant;
    this.#access.set(accessToken, {
      clientId,
      username,
      scope,
      family,
      expiresAt: this.now() + this.accessTokenTtl * 1000,
    });
    this.#refresh.set(refreshToken, { clientId, username, scope, family, used: false });
    const issued: IssuedTokens = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.accessTokenTtl,
      refresh_token: refreshToken,
      scope,
    };
    if (this.behaviour.omitExpiresIn) delete (issued as Partial<IssuedTokens>).expires_in;
    return issued;
  }

  /** The grant behind a valid access token, or undefined when it is unknown, expired or revoked. */
  authenticate(accessToken: string): (Grant & { expiresAt: number }) | undefined {
    const grant = this.#access.get(accessToken);
    if (!grant || grant.expiresAt <= this.now() || this.#revokedFamilies.has(grant.family)) return undefined;
    return grant;
  }

  /** Issues a session token for a password login (custom auth), valid for a day. */
  issueSession(username: string): string {
    const token = `sbx_st_${random()}`;
    this.#access.set(token, {
      clientId: 'password-login',
      username,
      scope: '',
      family: token,
      expiresAt: this.now() + 86_400_000,
    });
    return token;
  }

  /** The grant behind a session token from {@link issueSession}. */
  authenticateSession(token: string) {
    return token.startsWith('sbx_st_') ? this.authenticate(token) : undefined;
  }

  /** Revokes the family of an access or refresh token (RFC 7009: unknown tokens are not an error). */
  revoke(token: string): void {
    const family = this.#access.get(token)?.family ?? this.#refresh.get(token)?.family;
    if (family) this.revokeFamily(family);
  }

  revokeFamily(family: string): void {
    this.#revokedFamilies.add(family);
  }

  /** Revokes every grant of a user, as if they disconnected the app at the provider. */
  revokeUser(username: string): void {
    for (const grant of [...this.#access.values(), ...this.#refresh.values()]) {
      if (grant.username === username) this.#revokedFamilies.add(grant.family);
    }
  }
}
