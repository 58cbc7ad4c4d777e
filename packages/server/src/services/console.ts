import { randomBytes } from 'node:crypto';
import {
  type ConnectSession,
  type ConsoleAccount,
  type ConsoleSignIn,
  type ConsoleTestSessionCreate,
  ErrorCode,
} from '@plugboard/shared';
import { hashPassword, verifyPassword } from '../crypto/passwords.js';
import { hashSecret, newId, newSecret } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ConsoleAuth } from '../http/auth.js';
import type { ConsoleSessionRecord, MemberRecord, OrganizationRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';
import { presentMember, presentOrganization } from './presenters.js';
import { createConnectSession } from './sessions.js';
import { forgetSignInFailures, takeSignInAttempt } from './sign-in-limiter.js';

/** Prefix of console session tokens (the cookie's value). */
export const CONSOLE_TOKEN_PREFIX = 'pb_cn_';
/** How long a console session lasts: 12 hours, the cookie's Max-Age too. */
export const CONSOLE_SESSION_SECONDS = 12 * 60 * 60;

/** The signed-in member as the console sees them, with the session's CSRF token. */
export function presentAccount(
  member: MemberRecord,
  organization: OrganizationRecord,
  session: ConsoleSessionRecord,
): ConsoleAccount {
  return {
    member: presentMember(member),
    organization: presentOrganization(organization),
    csrfToken: session.csrfToken,
  };
}

/**
 * Signs a member in with email and password and opens a console session. The token is returned once, for the
 * cookie; only its hash is stored. An unknown email and a wrong password get the same answer.
 *
 * @param client - the caller's address, for the per-client attempt budget
 * @throws ApiError 401 `invalid_credentials`, 429 `rate_limited` after too many attempts from one client or
 *   failures for one email
 */
export async function signIn(
  deps: ServiceDeps,
  input: ConsoleSignIn,
  client: string,
): Promise<{ token: string; account: ConsoleAccount; session: ConsoleSessionRecord }> {
  await takeSignInAttempt(deps, client, input.email);
  const logins = await deps.store.findMemberLogins(input.email);
  let member: MemberRecord | undefined;
  // verifyPassword does the same work without a hash, so an unknown email takes as long as a wrong password.
  if (logins.length === 0) await verifyPassword(input.password, undefined);
  for (const login of logins) {
    if (await verifyPassword(input.password, login.passwordHash)) {
      member = login.member;
      break;
    }
  }
  const organization = member && (await deps.store.getOrganization(member.organizationId));
  if (!member || !organization) {
    deps.logger.warn({ event: 'console.sign_in_failed' });
    throw new ApiError(401, ErrorCode.InvalidCredentials, 'Email or password is wrong');
  }
  await forgetSignInFailures(deps, input.email);
  const now = deps.now();
  const token = newSecret(CONSOLE_TOKEN_PREFIX);
  const session: ConsoleSessionRecord = {
    id: newId('cons'),
    organizationId: organization.id,
    memberId: member.id,
    tokenHash: hashSecret(token),
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(now.getTime() + CONSOLE_SESSION_SECONDS * 1000).toISOString(),
    createdAt: now.toISOString(),
  };
  await deps.store.createConsoleSession(session);
  deps.logger.info({ event: 'console.signed_in', memberId: member.id });
  return { token, account: presentAccount(member, organization, session), session };
}

/** Ends a console session. */
export async function signOut(deps: ServiceDeps, auth: ConsoleAuth): Promise<void> {
  await deps.store.deleteConsoleSession(auth.session.id);
  deps.logger.info({ event: 'console.signed_out', memberId: auth.member.id });
}

/**
 * Sets a member's console password and ends their console sessions, so an old password's sessions do not
 * outlive it. The caller validates the password's length first.
 */
export async function setMemberPassword(deps: ServiceDeps, member: MemberRecord, password: string): Promise<void> {
  await deps.store.setMemberPassword(member.id, await hashPassword(password));
  await deps.store.deleteConsoleSessionsOfMember(member.id);
}

/**
 * Mints a connect session for the signed-in member to try connectors from the console: every connector the
 * organization sees (its own and others' public ones), usable only from the console's origin.
 */
export async function createTestSession(
  deps: ServiceDeps,
  auth: ConsoleAuth,
  input: ConsoleTestSessionCreate,
  origin: string,
): Promise<ConnectSession> {
  const { organization, member } = auth;
  const visible = await deps.store.listConnectors(organization.id, 'all');
  return createConnectSession(
    deps,
    organization,
    {
      tenantId: input.tenantId ?? `console-test-${member.id}`,
      endUserId: member.externalId ?? member.id,
      endUserName: member.name,
      allowedConnectors: visible.map((connector) => connector.id),
      allowedOrigins: [origin],
      ttlSeconds: 30 * 60,
    },
    member.id,
  );
}
