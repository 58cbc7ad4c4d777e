import { type ConnectLinkSession, ErrorCode } from '@plugboard/shared';
import { CONNECT_LINK_TOKEN_PREFIX, hashSecret, newId, newSecret } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectLinkRecord, OrganizationRecord } from '../storage/store.js';
import { findVisibleConnector } from './connectors.js';
import type { ServiceDeps } from './deps.js';
import { createConnectSession } from './sessions.js';

/** What a connect link is minted for. */
export interface ConnectLinkInput {
  tenantId: string;
  endUserId: string;
  endUserName?: string | undefined;
  /** Connector slugs (or ids) the page offers; all the organization's when left out. */
  connectors?: string[] | undefined;
  /** Where the page's "back" button goes; must be on one of the organization's allowed origins. */
  returnUrl?: string | undefined;
  /** @default 604,800 (7 days) */
  ttlSeconds?: number | undefined;
}

/** A minted connect link. `url` carries its token: hand it to the end user, never log it. */
export interface ConnectLink {
  id: string;
  url: string;
  expiresAt: string;
}

/** How long a connect link lives unless told otherwise: 7 days. */
export const DEFAULT_CONNECT_LINK_TTL_SECONDS = 7 * 24 * 60 * 60;
/**
 * How many times a link may be exchanged for a connect session. More than one, so that a person who closed the
 * tab (or a mail scanner that ran the page) does not lose the link; few, so a forwarded link soon stops working.
 */
export const CONNECT_LINK_MAX_OPENS = 5;
/** The longest connect session one opening gives: 1 hour (never past the link's own expiry, but at least 60 s). */
const LINK_SESSION_MAX_SECONDS = 60 * 60;
/** Where the hosted connect page lives under the public URL. */
export const CONNECT_PAGE_PATH = '/connect';

function publicBase(deps: ServiceDeps): string {
  if (!deps.publicUrl) {
    throw new ApiError(
      400,
      ErrorCode.NotConfigured,
      'The server has no public URL, so connect links have nowhere to point: set PLUGBOARD_PUBLIC_URL (publicUrl)',
    );
  }
  return deps.publicUrl.replace(/\/+$/, '');
}

/**
 * Mints a connect link for one tenant of an organization: a URL of the server's hosted connect page with a
 * one-purpose token in its fragment (so it reaches neither server logs nor a `Referer`). Only the token's hash is
 * stored. Named connectors are resolved to ids now, so a later slug change cannot widen the link.
 *
 * @throws ApiError 400 on a returnUrl outside the allowed origins, 404 on an unknown connector slug, 400
 *   `not_configured` when the server has no public URL
 * @example
 * ```ts
 * const { url } = await createConnectLink(deps, organization, { tenantId: 'acme', endUserId: 'ada', connectors: ['github'] });
 * ```
 */
export async function createConnectLink(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  input: ConnectLinkInput,
): Promise<ConnectLink> {
  const base = publicBase(deps);
  if (input.returnUrl !== undefined && !organization.allowedOrigins.includes(originOf(input.returnUrl))) {
    throw ApiError.validation([{ path: 'returnUrl', message: 'Must be a page on one of the allowed origins' }]);
  }
  const connectors = input.connectors
    ? [
        ...new Set(
          await Promise.all(
            input.connectors.map(async (slug) => (await findVisibleConnector(deps, organization.id, slug)).id),
          ),
        ),
      ]
    : null;
  const now = deps.now();
  const token = newSecret(CONNECT_LINK_TOKEN_PREFIX);
  const record: ConnectLinkRecord = {
    id: newId('cl'),
    organizationId: organization.id,
    tenantId: input.tenantId,
    endUserId: input.endUserId,
    endUserName: input.endUserName ?? null,
    tokenHash: hashSecret(token),
    connectors,
    returnUrl: input.returnUrl ?? null,
    opens: 0,
    expiresAt: new Date(now.getTime() + (input.ttlSeconds ?? DEFAULT_CONNECT_LINK_TTL_SECONDS) * 1000).toISOString(),
    revokedAt: null,
    createdAt: now.toISOString(),
  };
  await deps.store.upsertTenant(organization.id, input.tenantId, record.createdAt);
  await deps.store.createConnectLink(record);
  return { id: record.id, url: `${base}${CONNECT_PAGE_PATH}#${token}`, expiresAt: record.expiresAt };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** Why a link's token gave no session, worded for the person holding the link. */
function refusal(link: ConnectLinkRecord | undefined, now: Date): ApiError {
  if (!link) return new ApiError(404, ErrorCode.NotFound, 'This connect link is not valid. Ask the app for a new one.');
  if (link.revokedAt) return new ApiError(410, ErrorCode.LinkRevoked, 'This connect link was cancelled by the app.');
  if (Date.parse(link.expiresAt) <= now.getTime()) {
    return new ApiError(410, ErrorCode.LinkExpired, 'This connect link has expired. Ask the app for a new one.');
  }
  return new ApiError(410, ErrorCode.LinkUsedUp, 'This connect link was already used. Ask the app for a new one.');
}

/**
 * Exchanges a link's token for a connect session that may be used only from the server's own origin (the hosted
 * page) and only for the link's connectors. Each exchange counts against {@link CONNECT_LINK_MAX_OPENS}, in the
 * database, so the budget holds across replicas.
 *
 * @throws ApiError 404 for an unknown token, 410 `link_revoked`, `link_expired` or `link_used_up`
 */
export async function openConnectLink(deps: ServiceDeps, token: string): Promise<ConnectLinkSession> {
  const ownOrigin = new URL(publicBase(deps)).origin;
  const now = deps.now();
  const opening = token.startsWith(CONNECT_LINK_TOKEN_PREFIX)
    ? await deps.store.openConnectLink(hashSecret(token), now.toISOString(), CONNECT_LINK_MAX_OPENS)
    : { opened: false as const };
  const organization = opening.link && (await deps.store.getOrganization(opening.link.organizationId));
  if (!opening.opened || !organization) throw refusal(opening.link, now);
  const { link } = opening;
  const remaining = Math.floor((Date.parse(link.expiresAt) - now.getTime()) / 1000);
  const session = await createConnectSession(deps, organization, {
    tenantId: link.tenantId,
    endUserId: link.endUserId,
    ...(link.endUserName ? { endUserName: link.endUserName } : {}),
    ...(link.connectors ? { allowedConnectors: link.connectors } : {}),
    allowedOrigins: [ownOrigin],
    ttlSeconds: Math.max(60, Math.min(LINK_SESSION_MAX_SECONDS, remaining)),
  });
  return {
    sessionToken: session.token,
    expiresAt: session.expiresAt,
    organization: { id: organization.id, name: organization.name },
    endUserName: link.endUserName,
    returnUrl: link.returnUrl,
  };
}

/** Revokes one of the organization's links at once, on every replica. @throws ApiError 404 */
export async function revokeConnectLink(deps: ServiceDeps, organizationId: string, id: string): Promise<void> {
  if (!(await deps.store.revokeConnectLink(organizationId, id, deps.now().toISOString()))) {
    throw ApiError.notFound(`Connect link ${id}`);
  }
}
