import type { OrganizationRecord } from '../storage/store.js';

/** Who an MCP request acts for: one tenant of one organization, optionally narrowed to connectors and tools. */
export interface McpPrincipal {
  organization: OrganizationRecord;
  tenantId: string;
  /** The end user the token or `Plugboard-End-User-Id` names; null for a secret key without one. */
  endUserId: string | null;
  /** Connector ids the caller may use; null for every connector of the organization. */
  connectorIds: string[] | null;
  /** Tool names the caller may list and call; null for every tool. */
  tools: string[] | null;
  /** The MCP token's id; null for a secret key. */
  tokenId: string | null;
}
