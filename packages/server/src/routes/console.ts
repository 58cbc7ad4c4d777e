import {
  connectSessionSchema,
  consoleAccountSchema,
  consoleSignInSchema,
  consoleTestSessionSchema,
  ErrorCode,
} from '@plugboard/shared';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../http/api-error.js';
import { type AuthOptions, CONSOLE_COOKIE, ownOrigin, ownOrigins } from '../http/auth.js';
import { clientAddress } from '../http/client-address.js';
import { route } from '../http/route.js';
import { CONSOLE_SESSION_SECONDS, createTestSession, presentAccount, signIn, signOut } from '../services/console.js';
import type { ServiceDeps } from '../services/deps.js';

const cookieOptions = (c: Context) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: new URL(c.req.url).protocol === 'https:',
});

/**
 * Routes of the admin console's sign-in: a cookie session of an organization member. `trustedProxyHops` says
 * how many proxies in front of the server append to `X-Forwarded-For` (0: the header is ignored).
 */
export const consoleRoutes = (deps: ServiceDeps, options: AuthOptions & { trustedProxyHops?: number }) => [
  route({
    method: 'post',
    path: '/v1/console/sign-in',
    tag: 'Console',
    summary: 'Sign a member in to the console: sets the session cookie and returns the CSRF token',
    operationId: 'signInToConsole',
    description:
      "Signs a member in with email and password from the console's own origin: sets the HTTP-only session cookie and returns the CSRF token to send as `x-plugboard-csrf` on writes.",
    errors: [ErrorCode.InvalidCredentials, ErrorCode.RateLimited, ErrorCode.CsrfFailed],
    auth: 'none',
    status: 200,
    body: consoleSignInSchema,
    response: consoleAccountSchema,
    handler: async ({ c, body }) => {
      // Login CSRF: another site must not sign the browser in to an account of its choosing.
      const origin = c.req.header('origin');
      if (origin !== undefined && !ownOrigins(c, options).includes(origin)) {
        throw new ApiError(403, ErrorCode.CsrfFailed, 'Sign in from the console’s own origin');
      }
      const client = clientAddress(c, options.trustedProxyHops);
      const { token, account } = await signIn(deps, body, client);
      setCookie(c, CONSOLE_COOKIE, token, { ...cookieOptions(c), maxAge: CONSOLE_SESSION_SECONDS });
      c.header('Cache-Control', 'no-store');
      return account;
    },
  }),
  route({
    method: 'get',
    path: '/v1/console/me',
    tag: 'Console',
    summary: 'The signed-in member, their organization and the CSRF token',
    operationId: 'getConsoleAccount',
    description: 'The signed-in member, their organization and the CSRF token of the session.',
    auth: 'console',
    status: 200,
    response: consoleAccountSchema,
    handler: async ({ c, auth }) => {
      c.header('Cache-Control', 'no-store');
      return presentAccount(auth.member, auth.organization, auth.session);
    },
  }),
  route({
    method: 'post',
    path: '/v1/console/sign-out',
    tag: 'Console',
    summary: 'End the console session and clear its cookie',
    operationId: 'signOutOfConsole',
    description: 'Ends the console session and clears its cookie.',
    auth: 'console',
    status: 204,
    handler: async ({ c, auth }) => {
      await signOut(deps, auth);
      deleteCookie(c, CONSOLE_COOKIE, cookieOptions(c));
    },
  }),
  route({
    method: 'post',
    path: '/v1/console/test-session',
    tag: 'Console',
    summary: 'Mint a connect session for the signed-in member, to make test connections from the console',
    operationId: 'createConsoleTestSession',
    description:
      "Mints a connect session for the signed-in member's own test tenant, to make test connections from the console.",
    errors: [ErrorCode.NotFound, ErrorCode.RateLimited],
    auth: 'console',
    status: 201,
    body: consoleTestSessionSchema,
    response: connectSessionSchema,
    handler: async ({ c, auth, body }) => createTestSession(deps, auth, body, ownOrigin(c, options)),
  }),
];
