// MCP tokens: only their hashes are stored.
import type { McpTokenRecord, McpTokenStore } from '../mcp-token-store.js';
import { changed } from './accounts.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

const mcpToken = (row: rows.Row): McpTokenRecord => ({
  ...rows.endUserGrant(row),
  prefix: rows.text(row.prefix),
  connectorIds: rows.nullableJson<string[]>(row.connector_ids),
  tools: rows.nullableJson<string[]>(row.tools),
  expiresAt: rows.text(row.expires_at),
  createdAt: rows.text(row.created_at),
});

/** The {@link McpTokenStore} queries over one database handle. */
export function mcpTokenQueries(db: Db): McpTokenStore {
  return {
    async createMcpToken(t) {
      await db
        .insertInto('mcp_tokens')
        .values({
          ...rows.endUserGrantColumns(t),
          prefix: t.prefix,
          connector_ids: rows.jsonOrNull(t.connectorIds),
          tools: rows.jsonOrNull(t.tools),
          expires_at: t.expiresAt,
          created_at: t.createdAt,
        })
        .execute();
    },
    async findMcpTokenByHash(hash) {
      const row = await db.selectFrom('mcp_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && mcpToken(row);
    },
    async listMcpTokens(organizationId, now) {
      const found = await db
        .selectFrom('mcp_tokens')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return found.map(mcpToken);
    },
    async revokeMcpToken(organizationId, id) {
      const result = await db
        .deleteFrom('mcp_tokens')
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return changed(result) > 0;
    },
  };
}
