import type { McpToolPreview } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './resources.js';

/** Body of `mcpTokens.create`. */
export interface McpTokenCreate {
  tenantId: string;
  endUserId: string;
  endUserName?: string;
  /** Connector slugs the token may use; all the tenant's when left out. */
  connectors?: string[];
  /** Tool names the token may call; all when left out. */
  tools?: string[];
  /** @default 86,400 (24 hours), at most 30 days */
  ttlSeconds?: number;
}

/** A new MCP token: `token` is shown this once; `url` is the MCP server to configure a client with. */
export interface CreatedMcpToken {
  id: string;
  token: string;
  url: string;
  expiresAt: string;
}

/** An MCP token as listed: never the token itself. */
export interface McpToken {
  id: string;
  tenantId: string;
  endUserId: string;
  connectors?: string[] | null;
  tools?: string[] | null;
  expiresAt: string;
  createdAt?: string;
}

/** MCP tokens: what an AI agent sends to `/v1/mcp` to use one tenant's connections as tools. */
export class McpTokensResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Mints a token for one tenant and end user.
   * @example
   * ```ts
   * const { token, url } = await plugboard.mcpTokens.create({ tenantId: 'customer-42', endUserId: 'user-7' });
   * ```
   */
  create(body: McpTokenCreate): Promise<CreatedMcpToken> {
    return this.send({ method: 'POST', path: 'mcp-tokens', body });
  }
  /** Lists tokens, without the tokens themselves. */
  list(): Promise<{ data: McpToken[] }> {
    return this.send({ method: 'GET', path: 'mcp-tokens' });
  }
  /** Revokes a token at once, on every replica. */
  revoke(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `mcp-tokens/${segment(id)}` });
  }
  /** The tools a tenant would get: one per action of each connector it has an active connection of. */
  preview(tenantId: string): Promise<{ data: McpToolPreview[] }> {
    return this.send({ method: 'GET', path: 'mcp-tokens/preview', query: { tenantId } });
  }
}
