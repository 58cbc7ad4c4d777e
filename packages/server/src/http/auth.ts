import { ErrorCode } from '@plugboard/shared';
import type { Context } from 'hono';
import { hashSecret, SECRET_KEY_PREFIX, SESSION_TOKEN_PREFIX } from '../crypto/tokens.js';
import type { ApiKeyRecord, OrganizationRecord, SessionRecord, Store } from '../storage/store.js';
import { ApiError } from './api-error.js';

/** Who an admin request acts for. */
export interface AdminAuth {
  organization: OrganizationRecord;
  apiKey: ApiKeyRecord;
}

/** Who a session request acts for. */
export interface SessionAuth {
  organization: OrganizationRecord;
  session: SessionRecord;
}

function bearer(c: Context): string {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw new ApiError(401, ErrorCode.Unauthenticated, 'Send a credential as "Authorization: Bearer <key>"');
  }
  return match[1];
}

/** Resolves the secret key of an admin request. @throws ApiError 401 */
export async function authenticateAdmin(c: Context, store: Store, now: Date): Promise<AdminAuth> {
  const key = bearer(c);
  if (key.startsWith(SESSION_TOKEN_PREFIX)) {
    throw new ApiError(
      401,
      ErrorCode.Unauthenticated,
      'A connect session token cannot use admin routes; use a secret key',
    );
  }
  const apiKey = key.startsWith(SECRET_KEY_PREFIX) ? await store.findApiKeyByHash(hashSecret(key)) : undefined;
  const organization = apiKey && (await store.getOrganization(apiKey.organizationId));
  if (!apiKey || !organization) throw new ApiError(401, ErrorCode.Unauthenticated, 'The secret key is not valid');
  await store.touchApiKey(apiKey.id, now.toISOString());
  return { organization, apiKey };
}

/** Resolves the connect session of a session request and checks its origin. @throws ApiError 401, 403 */
export async function authenticateSession(c: Context, store: Store, now: Date): Promise<SessionAuth> {
  const token = bearer(c);
  const session = token.startsWith(SESSION_TOKEN_PREFIX) ? await store.findSessionByHash(hashSecret(token)) : undefined;
  const organization = session && (await store.getOrganization(session.organizationId));
  if (!session || !organization)
    throw new ApiError(401, ErrorCode.Unauthenticated, 'The connect session token is not valid');
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    throw new ApiError(401, ErrorCode.SessionExpired, 'The connect session has expired; mint a new one');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && !allowedOrigins({ organization, session }).includes(origin)) {
    throw new ApiError(403, ErrorCode.OriginNotAllowed, `The origin ${origin} is not allowed for this organization`);
  }
  return { organization, session };
}

/** The origins a session may be used from: its own list when it has one, else its organization's. */
export function allowedOrigins({ organization, session }: SessionAuth): string[] {
  return session.allowedOrigins ?? organization.allowedOrigins;
}
