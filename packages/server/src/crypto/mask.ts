/**
 * How much of one stored credential field admin views may show:
 * - `shown`: an identifier or a fact about the grant, not a secret (a username, an OAuth token's type, scope and
 *   expiry), shown as it is;
 * - `tail`: a key or token the end user typed or pasted, whose last four characters tell it apart from another
 *   one (as the API that issued it shows them), when it is long enough to keep the rest hidden;
 * - `hidden`: bullets only, with nothing of the value, not even its length.
 */
export type Exposure = 'shown' | 'tail' | 'hidden';

// A field not listed here is hidden: a new field, or one a custom handler stores, shows nothing until someone
// decides otherwise. Passwords are hidden (people reuse them); OAuth access and refresh tokens are hidden (the
// provider issued them, nobody needs to recognise them, and a refresh token is a long-lived grant that never
// leaves the server in any form). Client secrets are not credentials of a connection and are never returned at all.
const EXPOSURE: Record<string, Record<string, Exposure>> = {
  basic: { username: 'shown', password: 'hidden' },
  bearer: { token: 'tail' },
  apiKey: { apiKey: 'tail' },
  oauth2: {
    accessToken: 'hidden',
    refreshToken: 'hidden',
    tokenType: 'shown',
    scope: 'shown',
    obtainedAt: 'shown',
    expiresAt: 'shown',
  },
};

/** What a hidden value becomes: the same for every value, so the mask tells nothing of it. */
export const HIDDEN_MASK = '••••••••';

/** The shortest value that may show its last four characters: below it, four would be too large a share. */
const MIN_TAIL_LENGTH = 12;

/** How much of a field of a credential record of this auth kind admin views may show. */
export function exposureOf(kind: string, field: string): Exposure {
  return EXPOSURE[kind]?.[field] ?? 'hidden';
}

/** Masks one secret: `••••` and its last four characters when `tail` and it is long enough, else bullets only. */
export function maskSecret(value: string, tail: boolean): string {
  return tail && value.length >= MIN_TAIL_LENGTH ? `••••${value.slice(-4)}` : HIDDEN_MASK;
}

/**
 * Masks a credential as it travels on a request (an `Authorization` header, an API key parameter): it shows a
 * tail only for kinds whose secret may show one, so no part of a password or an OAuth token reaches a view.
 */
export function maskInjected(kind: string, value: string): string {
  return maskSecret(value, Object.values(EXPOSURE[kind] ?? {}).includes('tail'));
}

/** Masks a credential record of a connection for admin views, field by field as {@link exposureOf} says. */
export function maskCredentials(kind: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => {
      const exposure = exposureOf(kind, field);
      return [field, exposure === 'shown' ? value : maskSecret(value, exposure === 'tail')];
    }),
  );
}
