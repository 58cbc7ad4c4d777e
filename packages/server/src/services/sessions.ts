import type { ConnectSession, connectSessionCreateSchema, SessionInfo } from '@plugboard/shared';
import type { z } from 'zod';
import { hashSecret, newId, newSecret, SESSION_TOKEN_PREFIX } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { SessionAuth } from '../http/auth.js';
import type { OrganizationRecord, SessionRecord } from '../storage/store.js';
import { sessionCardsJson } from './cards.js';
import { findVisibleConnector } from './connectors.js';
import type { ServiceDeps } from './deps.js';
import { rateLimitsOf, takeOrRefuse } from './rate-limits.js';

/**
 * Mints a connect session for one tenant and end user. The token is returned once; only its hash is kept.
 * Named connectors are resolved to ids now, so a later slug change cannot widen the session. `memberId` names
 * the console member a test session is for. Each organization has a minting budget shared by every replica.
 *
 * @throws ApiError 400 for an unknown allowed connector, 429 `rate_limited` with `Retry-After` past the budget
 */
export async function createConnectSession(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  input: z.output<typeof connectSessionCreateSchema>,
  memberId: string | null = null,
): Promise<ConnectSession> {
  const allowedConnectors = input.allowedConnectors
    ? await Promise.all(
        input.allowedConnectors.map(async (idOrSlug, index) => {
          try {
            return (await findVisibleConnector(deps, organization.id, idOrSlug)).id;
          } catch {
            throw ApiError.validation([{ path: `allowedConnectors.${index}`, message: `No connector ${idOrSlug}` }]);
          }
        }),
      )
    : null;
  await takeOrRefuse(
    deps,
    `sessions:${organization.id}`,
    rateLimitsOf(deps).sessionsPerOrganization,
    'Too many connect sessions minted for this organization; try again later',
  );
  const now = deps.now();
  const token = newSecret(SESSION_TOKEN_PREFIX);
  const record: SessionRecord = {
    id: newId('cs'),
    organizationId: organization.id,
    tenantId: input.tenantId,
    endUserId: input.endUserId,
    endUserName: input.endUserName ?? null,
    tokenHash: hashSecret(token),
    allowedConnectors: allowedConnectors && [...new Set(allowedConnectors)],
    allowedOrigins: input.allowedOrigins ?? null,
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000).toISOString(),
    createdAt: now.toISOString(),
    memberId,
  };
  await deps.store.upsertTenant(organization.id, input.tenantId, record.createdAt);
  await deps.store.createSession(record);
  const { id, tenantId, endUserId, allowedOrigins, expiresAt } = record;
  return { id, token, tenantId, endUserId, allowedConnectors: record.allowedConnectors, allowedOrigins, expiresAt };
}

/** What a connect session tells the widget about itself (`GET /v1/session`). */
export function describeSession({ organization, session }: SessionAuth): SessionInfo {
  return {
    organization: { id: organization.id, name: organization.name },
    tenantId: session.tenantId,
    endUserId: session.endUserId,
    endUserName: session.endUserName,
    expiresAt: session.expiresAt,
  };
}

/**
 * Everything the widget's first paint needs, in one request: the session and its cards, as JSON text. Nothing
 * secret is in it, so a vendor's backend may pass it to the page with the session token.
 */
export async function sessionBootstrapJson(deps: ServiceDeps, auth: SessionAuth): Promise<string> {
  return `{"session":${JSON.stringify(describeSession(auth))},"connectors":${await sessionCardsJson(deps, auth)}}`;
}
