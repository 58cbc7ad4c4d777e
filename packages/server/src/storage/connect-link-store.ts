import type { EndUserGrantRecord } from './records.js';

/**
 * A connect link: a URL the vendor hands an end user, exchanged by the hosted page for a connect session. Its
 * token is only ever in the link's URL.
 */
export interface ConnectLinkRecord extends EndUserGrantRecord {
  /** Connector ids the page offers; null for all the organization's. */
  connectors: string[] | null;
  returnUrl: string | null;
  /** How many times the page exchanged the link for a connect session. */
  opens: number;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

/** Why {@link ConnectLinkStore.openConnectLink} gave no session: the link as it is, or undefined when unknown. */
export type ConnectLinkOpening =
  | { opened: true; link: ConnectLinkRecord }
  | { opened: false; link?: ConnectLinkRecord };

/** Connect links, kept in the database so that a revocation holds on every replica at once. */
export interface ConnectLinkStore {
  createConnectLink(record: ConnectLinkRecord): Promise<void>;
  /** One organization's links, newest first, after `cursor` (a link id). */
  listConnectLinks(
    organizationId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<ConnectLinkRecord[]>;
  /** Revokes a link of the organization at `at`; false when there is no such link or it was already revoked. */
  revokeConnectLink(organizationId: string, id: string, at: string): Promise<boolean>;
  /**
   * Counts one opening of the link with this token hash, atomically: only while it is not revoked, not expired at
   * `now` and opened fewer than `maxOpens` times, so concurrent openers never exceed the budget together.
   */
  openConnectLink(tokenHash: string, now: string, maxOpens: number): Promise<ConnectLinkOpening>;
}
