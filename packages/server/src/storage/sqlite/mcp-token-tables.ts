import type Database from 'libsql';
import type { McpTokenRecord, McpTokenStore } from '../mcp-token-store.js';

type Row = Record<string, unknown>;

const COLUMNS = `id, organization_id, tenant_id, end_user_id, end_user_name, token_hash, prefix, connector_ids, tools,
  expires_at, created_at`;

const list = (value: unknown): string[] | null => (value === null ? null : (JSON.parse(String(value)) as string[]));

const toRecord = (row: Row): McpTokenRecord => ({
  id: String(row.id),
  organizationId: String(row.organization_id),
  tenantId: String(row.tenant_id),
  endUserId: String(row.end_user_id),
  endUserName: row.end_user_name === null ? null : String(row.end_user_name),
  tokenHash: String(row.token_hash),
  prefix: String(row.prefix),
  connectorIds: list(row.connector_ids),
  tools: list(row.tools),
  expiresAt: String(row.expires_at),
  createdAt: String(row.created_at),
});

/** The SQLite side of {@link McpTokenStore}; the SQLite store hands these calls over. */
export class SqliteMcpTokenTables implements McpTokenStore {
  constructor(private readonly db: Database.Database) {}

  async createMcpToken(record: McpTokenRecord) {
    this.db
      .prepare(`INSERT INTO mcp_tokens (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        record.id,
        record.organizationId,
        record.tenantId,
        record.endUserId,
        record.endUserName,
        record.tokenHash,
        record.prefix,
        record.connectorIds === null ? null : JSON.stringify(record.connectorIds),
        record.tools === null ? null : JSON.stringify(record.tools),
        record.expiresAt,
        record.createdAt,
      );
  }

  async findMcpTokenByHash(hash: string) {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM mcp_tokens WHERE token_hash = ?`).get(hash) as Row | undefined;
    return row && toRecord(row);
  }

  async listMcpTokens(organizationId: string, now: string) {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM mcp_tokens WHERE organization_id = ? AND expires_at > ? ORDER BY created_at DESC, id DESC`,
      )
      .all(organizationId, now) as Row[];
    return rows.map(toRecord);
  }

  async revokeMcpToken(organizationId: string, id: string) {
    return (
      this.db.prepare('DELETE FROM mcp_tokens WHERE organization_id = ? AND id = ?').run(organizationId, id).changes > 0
    );
  }
}
