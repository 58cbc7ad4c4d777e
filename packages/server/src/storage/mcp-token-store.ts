import type { EndUserGrantRecord } from './records.js';

/** An MCP token: only its hash is stored. */
export interface McpTokenRecord extends EndUserGrantRecord {
  /** The token's first characters, shown in lists. */
  prefix: string;
  /** Connector ids the token may use; null for every connector the organization sees. */
  connectorIds: string[] | null;
  /** Tool names the token may use; null for every tool. */
  tools: string[] | null;
  expiresAt: string;
  createdAt: string;
}

/** The MCP tokens of organizations. */
export interface McpTokenStore {
  createMcpToken(record: McpTokenRecord): Promise<void>;
  /** The token with this hash, expired or not (the caller checks `expiresAt`); revoked tokens are gone. */
  findMcpTokenByHash(hash: string): Promise<McpTokenRecord | undefined>;
  /** An organization's tokens that have not expired at `now`, newest first. */
  listMcpTokens(organizationId: string, now: string): Promise<McpTokenRecord[]>;
  /** Deletes one of the organization's tokens; false when it has no such token. */
  revokeMcpToken(organizationId: string, id: string): Promise<boolean>;
}
