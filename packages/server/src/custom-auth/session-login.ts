import { CustomAuthError, type CustomAuthHandler } from './handler.js';

/** Options of {@link sessionLoginHandler}. */
export interface SessionLoginOptions {
  /** Where to log in, from what the end user typed (the account subdomain, usually). */
  loginUrl(fields: { account: string }): string;
  /** Optional: an endpoint that answers 200 to a valid session token and 401 to a dead one, to test connections. */
  verifyUrl?(fields: { account: string }): string;
}

/**
 * An example custom handler: a login endpoint that exchanges account subdomain + username + password for
 * a session token. Only the token is stored; the password is used once and forgotten. Requests then carry
 * `Authorization: Session <token>`. With `verifyUrl`, connections can be tested: the token is sent there.
 */
export function sessionLoginHandler({ loginUrl, verifyUrl }: SessionLoginOptions): CustomAuthHandler {
  const apply: CustomAuthHandler['apply'] = (request, credentials) => {
    request.headers.set('authorization', `Session ${credentials.sessionToken}`);
  };
  const verify: CustomAuthHandler['verify'] = async (credentials, { fetch }) => {
    const request = {
      url: new URL((verifyUrl as NonNullable<typeof verifyUrl>)({ account: credentials.account ?? '' })),
      headers: new Headers(),
    };
    apply(request, credentials);
    const response = await fetch(request.url, { headers: request.headers, signal: AbortSignal.timeout(10_000) });
    if (response.status === 401 || response.status === 403) return false;
    if (!response.ok) throw new Error(`Verification answered ${response.status}`);
    return true;
  };
  return {
    ...(verifyUrl ? { verify } : {}),
    fields: [
      {
        name: 'account',
        label: 'Account',
        secret: false,
        pattern: '[a-z0-9][a-z0-9-]{1,62}',
        placeholder: 'your-company',
        hint: 'The part before .acme.example in your address.',
      },
      { name: 'username', label: 'Username', secret: false },
      { name: 'password', label: 'Password', secret: true, type: 'password' },
    ],
    async connect({ account = '', username, password }, { fetch }) {
      const response = await fetch(loginUrl({ account }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account, username, password }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 401) throw new CustomAuthError('Wrong username or password', 'password');
      if (response.status === 404) throw new CustomAuthError('No such account', 'account');
      if (!response.ok) throw new Error(`Login answered ${response.status}`);
      const { session_token: token } = (await response.json()) as { session_token?: string };
      if (!token) throw new Error('Login returned no session token');
      return { sessionToken: token, account };
    },
    apply,
  };
}
