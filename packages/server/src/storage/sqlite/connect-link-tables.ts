import type Database from 'libsql';
import type { ConnectLinkOpening, ConnectLinkRecord, ConnectLinkStore } from '../connect-link-store.js';

type Row = Record<string, unknown>;

const COLUMNS = `id, organization_id, tenant_id, end_user_id, end_user_name, token_hash, connectors, return_url,
  opens, expires_at, revoked_at, created_at`;

function toRecord(row: Row): ConnectLinkRecord {
  return {
    id: String(row.id),
    organizationId: String(row.organization_id),
    tenantId: String(row.tenant_id),
    endUserId: String(row.end_user_id),
    endUserName: row.end_user_name === null ? null : String(row.end_user_name),
    tokenHash: String(row.token_hash),
    connectors: row.connectors === null ? null : (JSON.parse(String(row.connectors)) as string[]),
    returnUrl: row.return_url === null ? null : String(row.return_url),
    opens: Number(row.opens),
    expiresAt: String(row.expires_at),
    revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
    createdAt: String(row.created_at),
  };
}

/** The SQLite side of {@link ConnectLinkStore}; the SQLite store hands these calls over. */
export class SqliteConnectLinkTables implements ConnectLinkStore {
  constructor(private readonly db: Database.Database) {}

  async createConnectLink(record: ConnectLinkRecord) {
    this.db
      .prepare(
        `INSERT INTO connect_links (${COLUMNS}) VALUES (:id, :organizationId, :tenantId, :endUserId, :endUserName,
          :tokenHash, :connectors, :returnUrl, :opens, :expiresAt, :revokedAt, :createdAt)`,
      )
      .run({ ...record, connectors: record.connectors === null ? null : JSON.stringify(record.connectors) });
  }

  async listConnectLinks(organizationId: string, page: { limit: number; cursor?: string | undefined }) {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM connect_links WHERE organization_id = :organizationId
          AND (:cursor IS NULL OR id < :cursor) ORDER BY id DESC LIMIT :limit`,
      )
      .all({ organizationId, cursor: page.cursor ?? null, limit: page.limit }) as Row[];
    return rows.map(toRecord);
  }

  async revokeConnectLink(organizationId: string, id: string, at: string) {
    const result = this.db
      .prepare(
        `UPDATE connect_links SET revoked_at = :at
          WHERE organization_id = :organizationId AND id = :id AND revoked_at IS NULL`,
      )
      .run({ organizationId, id, at });
    return result.changes > 0;
  }

  async openConnectLink(tokenHash: string, now: string, maxOpens: number): Promise<ConnectLinkOpening> {
    // One statement, so the database serialises concurrent openers against the budget.
    const opened = this.db
      .prepare(
        `UPDATE connect_links SET opens = opens + 1
          WHERE token_hash = :tokenHash AND revoked_at IS NULL AND expires_at > :now AND opens < :maxOpens
          RETURNING ${COLUMNS}`,
      )
      .get({ tokenHash, now, maxOpens }) as Row | undefined;
    if (opened) return { opened: true, link: toRecord(opened) };
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM connect_links WHERE token_hash = ?`).get(tokenHash) as
      | Row
      | undefined;
    return row ? { opened: false, link: toRecord(row) } : { opened: false };
  }
}
