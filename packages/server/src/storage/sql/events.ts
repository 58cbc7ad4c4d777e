// Connector event definitions, vendor webhook endpoints, the event outbox and inbound URLs.
import type { EventDefinition } from '@plugboard/shared';
import type { DeliveryRecord, EventRecord, EventStore, InboundRecord, WebhookEndpointRecord } from '../event-store.js';
import { changed } from './accounts.js';
import type { Engine } from './engine.js';
import { connection, json, nullableJson, nullableText, type Row, sealed, text } from './rows.js';
import type { Db } from './tables.js';
import { inTransaction } from './transaction.js';

const endpoint = (row: Row): WebhookEndpointRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  url: text(row.url),
  description: text(row.description),
  events: nullableJson<string[]>(row.event_types),
  secret: sealed(row),
  createdAt: text(row.created_at),
});

const event = (row: Row): EventRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  type: text(row.type),
  body: text(row.body),
  createdAt: text(row.created_at),
});

const delivery = (row: Row): DeliveryRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  endpointId: text(row.endpoint_id),
  eventId: text(row.event_id),
  type: text(row.type),
  status: text(row.status) as DeliveryRecord['status'],
  attempts: Number(row.attempts),
  lastStatus: row.last_status === null ? null : Number(row.last_status),
  lastError: nullableText(row.last_error),
  nextAttemptAt: nullableText(row.next_attempt_at),
  createdAt: text(row.created_at),
  deliveredAt: nullableText(row.delivered_at),
});

const inbound = (row: Row): InboundRecord => ({
  connectionId: text(row.connection_id),
  tokenHash: text(row.token_hash),
  sealed: sealed(row),
  createdAt: text(row.created_at),
});

const deliveryColumns = (d: DeliveryRecord) => ({
  id: d.id,
  organization_id: d.organizationId,
  endpoint_id: d.endpointId,
  event_id: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  last_status: d.lastStatus,
  last_error: d.lastError,
  next_attempt_at: d.nextAttemptAt,
  created_at: d.createdAt,
  delivered_at: d.deliveredAt,
});

/** The {@link EventStore} queries over one database handle. */
export function eventQueries(db: Db, engine: Engine): EventStore {
  return {
    async putConnectorEvents(connectorId: string, events: EventDefinition[]) {
      const definitions = JSON.stringify(events);
      await db
        .insertInto('connector_events')
        .values({ connector_id: connectorId, definitions })
        .onConflict((oc) => oc.column('connector_id').doUpdateSet({ definitions }))
        .execute();
    },
    async getConnectorEvents(connectorId) {
      const row = await db
        .selectFrom('connector_events')
        .select('definitions')
        .where('connector_id', '=', connectorId)
        .executeTakeFirst();
      return row ? json<EventDefinition[]>(row.definitions) : [];
    },
    async getEventsOfConnectors(connectorIds) {
      if (connectorIds.length === 0) return new Map();
      const found = await db
        .selectFrom('connector_events')
        .selectAll()
        .where('connector_id', 'in', [...connectorIds])
        .execute();
      return new Map(found.map((row) => [text(row.connector_id), json<EventDefinition[]>(row.definitions)]));
    },
    async listConnectorsWithEvents() {
      const found = await db.selectFrom('connector_events').selectAll().orderBy('connector_id').execute();
      return found
        .map((row) => ({ connectorId: text(row.connector_id), events: json<EventDefinition[]>(row.definitions) }))
        .filter((entry) => entry.events.length > 0);
    },
    async listActiveConnectionsOf(connectorId, page) {
      const found = await db
        .selectFrom('connections')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('status', '=', 'active')
        .where('id', '>', page.cursor ?? '')
        .orderBy('id')
        .limit(page.limit)
        .execute();
      return found.map(connection);
    },
    async getPollingState(connectionId, eventKey) {
      const row = await db
        .selectFrom('polling_state')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .executeTakeFirst();
      return (
        row && {
          connectionId: text(row.connection_id),
          eventKey: text(row.event_key),
          seenIds: json<string[]>(row.seen_ids),
          nextRunAt: text(row.next_run_at),
        }
      );
    },
    async putPollingState(r) {
      const state = { seen_ids: JSON.stringify(r.seenIds), next_run_at: r.nextRunAt };
      await db
        .insertInto('polling_state')
        .values({ connection_id: r.connectionId, event_key: r.eventKey, ...state })
        .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doUpdateSet(state))
        .execute();
    },
    async claimPoll(connectionId, eventKey, now, claimUntil) {
      // Two single-statement writes, each atomic on both engines: the first run inserts the row (a concurrent
      // inserter gets nothing back), a later run moves a due row past its claim (a concurrent updater, once the
      // first commits, finds it no longer due).
      const inserted = await db
        .insertInto('polling_state')
        .values({ connection_id: connectionId, event_key: eventKey, seen_ids: '[]', next_run_at: claimUntil })
        .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
        .returning('connection_id')
        .executeTakeFirst();
      if (inserted) return { seenIds: [], firstRun: true };
      const claimed = await db
        .updateTable('polling_state')
        .set({ next_run_at: claimUntil })
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .where('next_run_at', '<=', now)
        .returning('seen_ids')
        .executeTakeFirst();
      return claimed && { seenIds: json<string[]>(claimed.seen_ids), firstRun: false };
    },
    async finishPoll(r, claimedUntil) {
      const written = await db
        .updateTable('polling_state')
        .set({ seen_ids: JSON.stringify(r.seenIds), next_run_at: r.nextRunAt })
        .where('connection_id', '=', r.connectionId)
        .where('event_key', '=', r.eventKey)
        .where('next_run_at', '=', claimedUntil)
        .executeTakeFirst();
      return changed(written) > 0;
    },

    async createWebhookEndpoint(e: WebhookEndpointRecord) {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: e.id,
          organization_id: e.organizationId,
          url: e.url,
          description: e.description,
          event_types: e.events === null ? null : JSON.stringify(e.events),
          key_id: e.secret.keyId,
          nonce: e.secret.nonce,
          ciphertext: e.secret.ciphertext,
          created_at: e.createdAt,
        })
        .execute();
    },
    async getWebhookEndpoint(id) {
      const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
      return row && endpoint(row);
    },
    async listWebhookEndpoints(organizationId) {
      const found = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute();
      return found.map(endpoint);
    },
    async deleteWebhookEndpoint(id) {
      return changed(await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst()) > 0;
    },

    async createEvent(e: EventRecord, deliveries: DeliveryRecord[]) {
      const insertEvent = (into: Db) =>
        into
          .insertInto('events')
          .values({ id: e.id, organization_id: e.organizationId, type: e.type, body: e.body, created_at: e.createdAt })
          .execute();
      // One insert is atomic on its own: without deliveries (most action runs) it skips BEGIN and COMMIT, two
      // round trips on PostgreSQL.
      if (deliveries.length === 0) {
        await insertEvent(db);
        return;
      }
      await inTransaction(db, async (trx) => {
        await insertEvent(trx);
        await trx.insertInto('deliveries').values(deliveries.map(deliveryColumns)).execute();
      });
    },
    async getEvent(id) {
      const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
      return row && event(row);
    },
    async createDelivery(record) {
      await db.insertInto('deliveries').values(deliveryColumns(record)).execute();
    },
    async getDelivery(id) {
      const row = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row && delivery(row);
    },
    async listDeliveries(filter) {
      let query = db.selectFrom('deliveries').selectAll().where('organization_id', '=', filter.organizationId);
      if (filter.endpointId !== undefined) query = query.where('endpoint_id', '=', filter.endpointId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
      return (await query.orderBy('id', 'desc').limit(filter.limit).execute()).map(delivery);
    },
    async claimDueDeliveries(now, leaseUntil, limit) {
      // The due rows are picked once, in a CTE, then moved past the lease. As a plain `IN (subquery)` Postgres may
      // run the subquery again for each row it updates, and with SKIP LOCKED each run picks other rows, so one
      // claim took every due row instead of a batch. Postgres never inlines a CTE that locks rows; SQLite runs
      // the statement as its one writer. The picked rows stay locked until the update commits, so concurrent
      // claimers skip them.
      const claimed = await db
        .with('picked', (qb) =>
          qb
            .selectFrom('deliveries')
            .select('id')
            .where('status', '=', 'pending')
            .where('next_attempt_at', '<=', now)
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(limit)
            .$if(engine.rowLocks, (q) => q.forUpdate().skipLocked()),
        )
        .updateTable('deliveries')
        .set({ next_attempt_at: leaseUntil })
        .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
        .where('status', '=', 'pending')
        .returningAll()
        .execute();
      return claimed.map(delivery).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async updateDelivery(d) {
      await db
        .updateTable('deliveries')
        .set({
          status: d.status,
          attempts: d.attempts,
          last_status: d.lastStatus,
          last_error: d.lastError,
          next_attempt_at: d.nextAttemptAt,
          delivered_at: d.deliveredAt,
        })
        .where('id', '=', d.id)
        .execute();
    },

    async putInbound(r: InboundRecord) {
      const replaced = {
        token_hash: r.tokenHash,
        key_id: r.sealed.keyId,
        nonce: r.sealed.nonce,
        ciphertext: r.sealed.ciphertext,
      };
      await db
        .insertInto('inbound_endpoints')
        .values({ connection_id: r.connectionId, created_at: r.createdAt, ...replaced })
        .onConflict((oc) => oc.column('connection_id').doUpdateSet(replaced))
        .execute();
    },
    async getInbound(connectionId) {
      const row = await db
        .selectFrom('inbound_endpoints')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row && inbound(row);
    },
    async findInboundByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('inbound_endpoints')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && inbound(row);
    },
    async claimInboundDelivery(connectionId, deliveryId, at) {
      const claimed = await db
        .insertInto('inbound_deliveries')
        .values({ connection_id: connectionId, delivery_id: deliveryId, received_at: at })
        .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
        .returning('delivery_id')
        .executeTakeFirst();
      return claimed !== undefined;
    },
    async releaseInboundDelivery(connectionId, deliveryId) {
      await db
        .deleteFrom('inbound_deliveries')
        .where('connection_id', '=', connectionId)
        .where('delivery_id', '=', deliveryId)
        .execute();
    },
  };
}
