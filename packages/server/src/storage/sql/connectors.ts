// Connectors, the last tests of their actions, and their OAuth client secrets.
import { sql } from 'kysely';
import type { ActionTestRecord, ConnectorRecord, ConnectorSecretRecord, Store } from '../store.js';
import { changed } from './accounts.js';
import { connectorConnectionsDelete } from './connection-listing.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';
import { inTransaction } from './transaction.js';

type ConnectorQueries = Pick<
  Store,
  | 'createConnector'
  | 'updateConnector'
  | 'deleteConnector'
  | 'getConnector'
  | 'findConnectorBySlug'
  | 'listConnectors'
  | 'putActionTest'
  | 'listActionTests'
  | 'putConnectorSecret'
  | 'getConnectorSecret'
  | 'pruneConnectorSecrets'
>;

/** The columns a connector's create and update both write. */
const editable = (c: ConnectorRecord) => ({
  slug: c.slug,
  name: c.name,
  description: c.description,
  domain: c.domain,
  visibility: c.visibility,
  icon_url: c.iconUrl,
  auth_methods: JSON.stringify(c.authMethods),
  updated_at: c.updatedAt,
  api_base_url: c.apiBaseUrl,
  actions: JSON.stringify(c.actions),
  variables: JSON.stringify(c.variables ?? []),
});

/**
 * Bumps the organization's connectors revision, in the transaction of the change to its connectors: a listing of
 * cards read at the old revision is then never reused, on any replica (services/card-cache.ts). Always after
 * the connector row's own write, so concurrent writers lock the two rows in one order.
 */
const bumpCardsRevision = (trx: Db, organizationId: string) =>
  trx
    .updateTable('organizations')
    .set({ connectors_revision: sql`connectors_revision + 1` })
    .where('id', '=', organizationId)
    .execute();

/** The connector queries over one database handle. */
export function connectorQueries(db: Db): ConnectorQueries {
  return {
    createConnector(c) {
      return inTransaction(db, async (trx) => {
        await trx
          .insertInto('connectors')
          .values({
            id: c.id,
            organization_id: c.organizationId,
            created_by: c.createdBy,
            created_at: c.createdAt,
            ...editable(c),
          })
          .execute();
        await bumpCardsRevision(trx, c.organizationId);
      });
    },
    updateConnector(c) {
      // Every replica sees the new revisions on its next read, so none keeps showing a card built from the old row.
      return inTransaction(db, async (trx) => {
        const updated = await trx
          .updateTable('connectors')
          .set({ ...editable(c), revision: sql`revision + 1` })
          .where('id', '=', c.id)
          .returning('organization_id')
          .executeTakeFirst();
        if (updated) await bumpCardsRevision(trx, updated.organization_id);
      });
    },
    deleteConnector(id) {
      return inTransaction(db, async (trx) => {
        const removed = changed(await connectorConnectionsDelete(trx, id).executeTakeFirst());
        const deleted = await trx
          .deleteFrom('connectors')
          .where('id', '=', id)
          .returning('organization_id')
          .executeTakeFirst();
        if (deleted) await bumpCardsRevision(trx, deleted.organization_id);
        return removed;
      });
    },
    async getConnector(id) {
      const row = await db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rows.connector(row);
    },
    async findConnectorBySlug(organizationId, slug) {
      const row = await db
        .selectFrom('connectors')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && rows.connector(row);
    },
    async listConnectors(organizationId, scope, page = { limit: 10_000 }) {
      const found = await db
        .selectFrom('connectors')
        .selectAll()
        .where((eb) => {
          if (scope === 'own') return eb('organization_id', '=', organizationId);
          const isPublic = eb('visibility', '=', 'public');
          if (scope === 'public') return eb.and([eb('organization_id', '<>', organizationId), isPublic]);
          return eb.or([eb('organization_id', '=', organizationId), isPublic]);
        })
        .where('id', '>', page.cursor ?? '')
        .orderBy('id')
        .limit(page.limit)
        .execute();
      return found.map(rows.connector);
    },

    async putActionTest(t: ActionTestRecord) {
      const outcome = { passed: t.passed ? 1 : 0, status: t.status, latency_ms: t.latencyMs, at: t.at };
      await db
        .insertInto('action_tests')
        .values({ organization_id: t.organizationId, connector_id: t.connectorId, action_key: t.actionKey, ...outcome })
        .onConflict((oc) => oc.columns(['organization_id', 'connector_id', 'action_key']).doUpdateSet(outcome))
        .execute();
    },
    async listActionTests(organizationId, connectorId) {
      const found = await db
        .selectFrom('action_tests')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('connector_id', '=', connectorId)
        .orderBy('action_key')
        .execute();
      return found.map(rows.actionTest);
    },

    async putConnectorSecret(r: ConnectorSecretRecord) {
      const secret = { key_id: r.keyId, nonce: r.nonce, ciphertext: r.ciphertext };
      await db
        .insertInto('connector_secrets')
        .values({ connector_id: r.connectorId, auth_method_id: r.authMethodId, ...secret })
        .onConflict((oc) => oc.columns(['connector_id', 'auth_method_id']).doUpdateSet(secret))
        .execute();
    },
    async getConnectorSecret(connectorId, authMethodId) {
      const row = await db
        .selectFrom('connector_secrets')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('auth_method_id', '=', authMethodId)
        .executeTakeFirst();
      return row && rows.connectorSecret(row);
    },
    async pruneConnectorSecrets(connectorId, keepAuthMethodIds) {
      let query = db.deleteFrom('connector_secrets').where('connector_id', '=', connectorId);
      // `NOT IN ()` is not valid SQL: keeping nothing deletes every secret of the connector.
      if (keepAuthMethodIds.length > 0) query = query.where('auth_method_id', 'not in', keepAuthMethodIds);
      await query.execute();
    },
  };
}
