import type { CreatedMcpToken, McpToken, McpTokenCreate, McpToolPreview } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './resources.js';

/** MCP tokens: what an AI agent sends to Plugboard's MCP server to use one tenant's connections as tools. */
export class McpTokensResource {
  constructor(private readonly send: AdminSend) {}

  /**
   * Mints a token for one tenant and end user (24 hours by default, 30 days at most), optionally limited to some
   * connectors and tools. `token` in the result is the only copy: hand it to the agent with `url`.
   * @throws ValidationError for an unknown connector or a lifetime over 30 days
   * @example
   * ```ts
   * const { token, url } = await plugboard.mcpTokens.create({ tenantId: 'customer-42', endUserId: 'user-7' });
   * // An MCP client then calls `url` with `Authorization: Bearer ${token}`.
   * ```
   */
  create(body: McpTokenCreate): Promise<CreatedMcpToken> {
    return this.send({ method: 'POST', path: 'mcp-tokens', body });
  }

  /** Lists the tokens that have not expired, never the tokens themselves. */
  list(): Promise<{ data: McpToken[] }> {
    return this.send({ method: 'GET', path: 'mcp-tokens' });
  }

  /** Revokes a token: its next request fails, on every replica. */
  revoke(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `mcp-tokens/${segment(id)}` });
  }

  /** The tools a tenant would get: one per action of each connector it has an active connection of. */
  preview(tenantId: string): Promise<{ data: McpToolPreview[] }> {
    return this.send({ method: 'GET', path: 'mcp-tokens/preview', query: { tenantId } });
  }
}
