import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@plugboard/shared';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { hashSecret, SECRET_KEY_PREFIX, SESSION_TOKEN_PREFIX } from '../crypto/tokens.js';
import type {
  ApiKeyRecord,
  ConsoleSessionRecord,
  MemberRecord,
  OrganizationRecord,
  SessionRecord,
  Store,
} from '../storage/store.js';
import { ApiError } from './api-error.js';
import { requestHeader } from './node-response.js';

/** Name of the console session cookie. */
export const CONSOLE_COOKIE = 'plugboard_console';
/** Header that carries a console session's CSRF token on requests that change something. */
export const CSRF_HEADER = 'x-plugboard-csrf';

/** Who an admin request acts for: a secret key of the organization, or a member signed in to the console. */
export interface AdminAuth {
  organization: OrganizationRecord;
  apiKey?: ApiKeyRecord;
  member?: MemberRecord;
}

/** An admin request made with a secret key, as routes that hand out secrets require. */
export type SecretKeyAuth = AdminAuth & { apiKey: ApiKeyRecord };

/** Who a console request acts for. */
export interface ConsoleAuth {
  organization: OrganizationRecord;
  member: MemberRecord;
  session: ConsoleSessionRecord;
}

/** Who a session request acts for. */
export interface SessionAuth {
  organization: OrganizationRecord;
  session: SessionRecord;
}

/** Deployment settings authentication needs. */
export interface AuthOptions {
  /** The server's public URL, when it runs behind a proxy that changes the request's own URL. */
  publicUrl?: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origins this server answers on: the request's own, and the public URL's when one is configured. */
export function ownOrigins(c: Context, { publicUrl }: AuthOptions): string[] {
  const own = new URL(c.req.url).origin;
  return publicUrl ? [...new Set([new URL(publicUrl).origin, own])] : [own];
}

/** The origin a browser on this server's own pages sends: the public URL's when configured, else the request's. */
export function ownOrigin(c: Context, options: AuthOptions): string {
  return ownOrigins(c, options)[0] as string;
}

function bearer(c: Context): string {
  const header = requestHeader(c, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw new ApiError(401, ErrorCode.Unauthenticated, 'Send a credential as "Authorization: Bearer <key>"');
  }
  return match[1];
}

/** Compares two strings in constant time, whatever their lengths. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * A cookie rides along with any request the browser makes, so a request that changes something must also
 * prove it was written by our own page: the session's CSRF token in a header, and our own origin when the
 * browser names one. @throws ApiError 403 `csrf_failed`
 */
function checkCsrf(c: Context, session: ConsoleSessionRecord, options: AuthOptions) {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  const token = c.req.header(CSRF_HEADER) ?? '';
  if (!sameSecret(token, session.csrfToken) || (origin !== undefined && !ownOrigins(c, options).includes(origin))) {
    throw new ApiError(
      403,
      ErrorCode.CsrfFailed,
      `Send the console session's CSRF token as "${CSRF_HEADER}" from the console's own origin`,
    );
  }
}

/** Resolves the console session cookie of a request and checks CSRF on writes. @throws ApiError 401, 403 */
export async function authenticateConsole(
  c: Context,
  store: Store,
  now: Date,
  options: AuthOptions = {},
): Promise<ConsoleAuth> {
  const token = getCookie(c, CONSOLE_COOKIE);
  if (!token) throw new ApiError(401, ErrorCode.Unauthenticated, 'Sign in to the console first');
  const session = await store.findConsoleSessionByHash(hashSecret(token));
  if (!session) throw new ApiError(401, ErrorCode.Unauthenticated, 'The console session is not valid; sign in again');
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteConsoleSession(session.id);
    throw new ApiError(401, ErrorCode.Unauthenticated, 'The console session has expired; sign in again');
  }
  const member = await store.getMember(session.memberId);
  const organization = await store.getOrganization(session.organizationId);
  if (!member || !organization || member.organizationId !== organization.id) {
    throw new ApiError(401, ErrorCode.Unauthenticated, 'The console session is not valid; sign in again');
  }
  checkCsrf(c, session, options);
  return { organization, member, session };
}

/** How stale a secret key's `lastUsedAt` may be before a request records it again. */
const LAST_USE_PRECISION_MS = 60_000;

async function authenticateSecretKeyBearer(c: Context, store: Store, now: Date) {
  const key = bearer(c);
  if (key.startsWith(SESSION_TOKEN_PREFIX)) {
    throw new ApiError(
      401,
      ErrorCode.Unauthenticated,
      'A connect session token cannot use admin routes; use a secret key',
    );
  }
  const found = key.startsWith(SECRET_KEY_PREFIX) ? await store.findApiKeyAuth(hashSecret(key)) : undefined;
  if (!found) throw new ApiError(401, ErrorCode.Unauthenticated, 'The secret key is not valid');
  const { apiKey, organization } = found;
  // Last use is for people reading the key list: minute precision is enough, and a write on every request would
  // make each read a database commit.
  if (!apiKey.lastUsedAt || now.getTime() - Date.parse(apiKey.lastUsedAt) >= LAST_USE_PRECISION_MS) {
    await store.touchApiKey(apiKey.id, now.toISOString());
  }
  return { organization, apiKey };
}

/**
 * Resolves an admin request: the secret key bearer when an `Authorization` header is sent, else the console
 * session cookie. @throws ApiError 401, 403 `csrf_failed`
 */
export async function authenticateAdmin(
  c: Context,
  store: Store,
  now: Date,
  options: AuthOptions = {},
): Promise<AdminAuth> {
  if (requestHeader(c, 'authorization') === undefined && getCookie(c, CONSOLE_COOKIE)) {
    const { organization, member } = await authenticateConsole(c, store, now, options);
    return { organization, member };
  }
  return authenticateSecretKeyBearer(c, store, now);
}

/** Resolves an admin request that only a secret key may make. @throws ApiError 401, 403 `forbidden` for the console */
export async function authenticateSecretKey(
  c: Context,
  store: Store,
  now: Date,
  options: AuthOptions = {},
): Promise<SecretKeyAuth> {
  const auth = await authenticateAdmin(c, store, now, options);
  if (!auth.apiKey) {
    throw new ApiError(403, ErrorCode.Forbidden, 'Only a secret key may do this; the console cannot hand out secrets');
  }
  return { ...auth, apiKey: auth.apiKey };
}

/** Resolves the connect session of a session request and checks its origin. @throws ApiError 401, 403 */
export async function authenticateSession(c: Context, store: Store, now: Date): Promise<SessionAuth> {
  const token = bearer(c);
  const found = token.startsWith(SESSION_TOKEN_PREFIX) ? await store.findSessionAuth(hashSecret(token)) : undefined;
  if (!found) throw new ApiError(401, ErrorCode.Unauthenticated, 'The connect session token is not valid');
  const { session, organization } = found;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    throw new ApiError(401, ErrorCode.SessionExpired, 'The connect session has expired; mint a new one');
  }
  const origin = requestHeader(c, 'origin');
  if (origin !== undefined && !allowedOrigins({ organization, session }).includes(origin)) {
    throw new ApiError(403, ErrorCode.OriginNotAllowed, `The origin ${origin} is not allowed for this organization`);
  }
  return { organization, session };
}

/** The origins a session may be used from: its own list when it has one, else its organization's. */
export function allowedOrigins({ organization, session }: Pick<SessionAuth, 'organization' | 'session'>): string[] {
  return session.allowedOrigins ?? organization.allowedOrigins;
}
