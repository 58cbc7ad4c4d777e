// Tenants, connect sessions, connections with their credentials, and the refresh lock.
import { sql } from 'kysely';
import type { ConnectionRecord, CredentialRecord, SessionRecord, Store } from '../store.js';
import { changed } from './accounts.js';
import { connectionCountsQuery, connectionPageQuery } from './connection-listing.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';
import { inTransaction } from './transaction.js';

type ConnectionQueries = Pick<
  Store,
  | 'upsertTenant'
  | 'listTenants'
  | 'createSession'
  | 'findSessionByHash'
  | 'createConnection'
  | 'createConnections'
  | 'getConnection'
  | 'listConnections'
  | 'countConnections'
  | 'deleteConnection'
  | 'getCredentials'
  | 'updateCredentials'
  | 'setConnectionStatus'
  | 'listExpiringConnections'
  | 'tryLockRefresh'
  | 'unlockRefresh'
>;

// A mask is written with its ciphertext or cleared with it, never left beside another one.
const sealedColumns = (c: CredentialRecord) => ({
  key_id: c.keyId,
  nonce: c.nonce,
  ciphertext: c.ciphertext,
  masked: c.masked ? JSON.stringify(c.masked) : null,
});

// Rows per multi-row insert: 13 parameters a row stays far below both engines' limits on bound parameters.
const INSERT_CHUNK = 500;

const connectionColumns = (c: ConnectionRecord) => ({
  id: c.id,
  organization_id: c.organizationId,
  tenant_id: c.tenantId,
  connector_id: c.connectorId,
  auth_method_id: c.authMethodId,
  auth_kind: c.authKind,
  label: c.label,
  status: c.status,
  created_by: c.createdBy,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  last_used_at: c.lastUsedAt,
  token_expires_at: c.tokenExpiresAt ?? null,
  variables: JSON.stringify(c.variables ?? {}),
});

/** The connection queries over one database handle. */
export function connectionQueries(db: Db): ConnectionQueries {
  const createConnections: ConnectionQueries['createConnections'] = (batch) =>
    // Connection counts follow in the same statements, through the triggers of migration 17.
    inTransaction(db, async (trx) => {
      for (let start = 0; start < batch.length; start += INSERT_CHUNK) {
        const chunk = batch.slice(start, start + INSERT_CHUNK);
        await trx
          .insertInto('connections')
          .values(chunk.map(({ record }) => connectionColumns(record)))
          .execute();
        await trx
          .insertInto('credentials')
          .values(
            chunk.map(({ credentials }) => ({
              connection_id: credentials.connectionId,
              ...sealedColumns(credentials),
            })),
          )
          .execute();
      }
    });
  return {
    async upsertTenant(organizationId, tenantId, at) {
      await db
        .insertInto('tenants')
        .values({ organization_id: organizationId, id: tenantId, created_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async listTenants(organizationId, page) {
      const found = await db
        .selectFrom('tenants as t')
        .selectAll('t')
        .select((eb) =>
          eb
            .selectFrom('tenant_connection_counts as c')
            .select((inner) => inner.fn.sum<number | string | bigint>('c.connections').as('n'))
            .whereRef('c.organization_id', '=', 't.organization_id')
            .whereRef('c.tenant_id', '=', 't.id')
            .as('connection_count'),
        )
        .where('t.organization_id', '=', organizationId)
        .where('t.id', '>', page.cursor ?? '')
        .orderBy('t.id')
        .limit(page.limit)
        .execute();
      return found.map(rows.tenant);
    },

    async createSession(s: SessionRecord) {
      await db
        .insertInto('connect_sessions')
        .values({
          ...rows.endUserGrantColumns(s),
          allowed_connectors: rows.jsonOrNull(s.allowedConnectors),
          allowed_origins: rows.jsonOrNull(s.allowedOrigins),
          expires_at: s.expiresAt,
          created_at: s.createdAt,
          member_id: s.memberId ?? null,
        })
        .execute();
    },
    async findSessionByHash(hash) {
      const row = await db.selectFrom('connect_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && rows.session(row);
    },

    createConnection(c: ConnectionRecord, credentials: CredentialRecord) {
      return createConnections([{ record: c, credentials }]);
    },
    createConnections,
    async getConnection(id) {
      const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rows.connection(row);
    },
    async listConnections(filter) {
      return (await connectionPageQuery(db, filter).execute()).map(rows.connection);
    },
    async countConnections(organizationId, tenantId) {
      const counts = await connectionCountsQuery(db, organizationId, tenantId).execute();
      return new Map(counts.map((row) => [String(row.connector_id), Number(row.connections)]));
    },
    async deleteConnection(id) {
      return changed(await db.deleteFrom('connections').where('id', '=', id).executeTakeFirst()) > 0;
    },
    async getCredentials(connectionId) {
      const row = await db
        .selectFrom('credentials')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row && rows.credentials(row);
    },

    updateCredentials(credentials, tokenExpiresAt, at) {
      return inTransaction(db, async (trx) => {
        await trx
          .updateTable('credentials')
          .set(sealedColumns(credentials))
          .where('connection_id', '=', credentials.connectionId)
          .execute();
        await trx
          .updateTable('connections')
          .set({ token_expires_at: tokenExpiresAt, updated_at: at })
          .where('id', '=', credentials.connectionId)
          .execute();
      });
    },
    async setConnectionStatus(id, status, at) {
      await db.updateTable('connections').set({ status, updated_at: at }).where('id', '=', id).execute();
    },
    async listExpiringConnections(before, limit) {
      const found = await db
        .selectFrom('connections')
        .selectAll()
        .where('status', '=', 'active')
        .where('token_expires_at', 'is not', null)
        .where('token_expires_at', '<', before)
        .orderBy('token_expires_at')
        .limit(limit)
        .execute();
      return found.map(rows.connection);
    },
    async tryLockRefresh(connectionId, holder, until, now) {
      // One statement: insert the lock, or take it over only when it has lapsed. Both engines serialise
      // conflicting upserts on the key, so of concurrent takers exactly one gets a row back.
      const taken = await db
        .insertInto('refresh_locks')
        .values({ connection_id: connectionId, holder, expires_at: until })
        .onConflict((oc) =>
          oc
            .column('connection_id')
            .doUpdateSet({ holder: sql`excluded.holder`, expires_at: sql`excluded.expires_at` })
            .where('refresh_locks.expires_at', '<=', now),
        )
        .returning('connection_id')
        .executeTakeFirst();
      return taken !== undefined;
    },
    async unlockRefresh(connectionId, holder) {
      await db
        .deleteFrom('refresh_locks')
        .where('connection_id', '=', connectionId)
        .where('holder', '=', holder)
        .execute();
    },
  };
}
