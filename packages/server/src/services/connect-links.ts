// Placeholder with the shared signature: the connect-links branch replaces this file with the real service.
import type { OrganizationRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

/** What a connect link is minted for. */
export interface ConnectLinkInput {
  tenantId: string;
  endUserId: string;
  endUserName?: string | undefined;
  /** Connector slugs the page shows; all the organization's when left out. */
  connectors?: string[] | undefined;
  returnUrl?: string | undefined;
  ttlSeconds?: number | undefined;
}

/** A minted connect link. */
export interface ConnectLink {
  id: string;
  url: string;
  expiresAt: string;
}

/**
 * Mints a connect link for one tenant of an organization.
 * @throws ApiError 400 on a returnUrl outside the allowed origins, 404 on an unknown connector slug
 */
export async function createConnectLink(
  _deps: ServiceDeps,
  _organization: OrganizationRecord,
  _input: ConnectLinkInput,
): Promise<ConnectLink> {
  throw new Error('connect links: not merged yet');
}
