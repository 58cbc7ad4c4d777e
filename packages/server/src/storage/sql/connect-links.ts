// Connect links: hosted connect pages a vendor hands its end users, revocable on every replica at once.
import { sql } from 'kysely';
import type { ConnectLinkRecord, ConnectLinkStore } from '../connect-link-store.js';
import { changed } from './accounts.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

const connectLink = (row: rows.Row): ConnectLinkRecord => ({
  ...rows.endUserGrant(row),
  connectors: rows.nullableJson<string[]>(row.connectors),
  returnUrl: rows.nullableText(row.return_url),
  opens: Number(row.opens),
  expiresAt: rows.text(row.expires_at),
  revokedAt: rows.nullableText(row.revoked_at),
  createdAt: rows.text(row.created_at),
});

/** The {@link ConnectLinkStore} queries over one database handle. */
export function connectLinkQueries(db: Db): ConnectLinkStore {
  return {
    async createConnectLink(l) {
      await db
        .insertInto('connect_links')
        .values({
          ...rows.endUserGrantColumns(l),
          connectors: rows.jsonOrNull(l.connectors),
          return_url: l.returnUrl,
          opens: l.opens,
          expires_at: l.expiresAt,
          revoked_at: l.revokedAt,
          created_at: l.createdAt,
        })
        .execute();
    },
    async listConnectLinks(organizationId, page) {
      let query = db.selectFrom('connect_links').selectAll().where('organization_id', '=', organizationId);
      if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
      const found = await query.orderBy('id', 'desc').limit(page.limit).execute();
      return found.map(connectLink);
    },
    async revokeConnectLink(organizationId, id, at) {
      const result = await db
        .updateTable('connect_links')
        .set({ revoked_at: at })
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return changed(result) > 0;
    },
    async openConnectLink(tokenHash, now, maxOpens) {
      // One UPDATE, so the database serialises concurrent openers against the budget on both engines.
      const opened = await db
        .updateTable('connect_links')
        .set({ opens: sql`opens + 1` })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where('opens', '<', maxOpens)
        .returningAll()
        .executeTakeFirst();
      if (opened) return { opened: true, link: connectLink(opened) };
      const row = await db
        .selectFrom('connect_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? { opened: false, link: connectLink(row) } : { opened: false };
    },
  };
}
