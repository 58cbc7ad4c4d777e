import type { EventDefinition } from '@plugboard/shared';
import type Database from 'libsql';
import type {
  DeliveryFilter,
  DeliveryRecord,
  EventRecord,
  EventStore,
  InboundRecord,
  PollingStateRecord,
  WebhookEndpointRecord,
} from '../event-store.js';
import { connection } from './rows.js';

type Row = Record<string, unknown>;

const text = (value: unknown) => String(value);
const nullableText = (value: unknown) => (value === null || value === undefined ? null : String(value));
const sealed = (row: Row) => ({
  keyId: text(row.key_id),
  nonce: Buffer.from(row.nonce as Uint8Array),
  ciphertext: Buffer.from(row.ciphertext as Uint8Array),
});

const endpoint = (row: Row): WebhookEndpointRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  url: text(row.url),
  description: text(row.description),
  events: row.event_types === null ? null : (JSON.parse(text(row.event_types)) as string[]),
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

/** The SQLite side of {@link EventStore}; the SQLite store hands these calls over. */
export class SqliteEventTables implements EventStore {
  constructor(private readonly db: Database.Database) {}

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  async putConnectorEvents(connectorId: string, events: EventDefinition[]) {
    this.run(
      `INSERT INTO connector_events (connector_id, definitions) VALUES (?, ?)
       ON CONFLICT (connector_id) DO UPDATE SET definitions = excluded.definitions`,
      connectorId,
      JSON.stringify(events),
    );
  }

  async getConnectorEvents(connectorId: string) {
    const row = this.get('SELECT definitions FROM connector_events WHERE connector_id = ?', connectorId);
    return row ? (JSON.parse(text(row.definitions)) as EventDefinition[]) : [];
  }

  async listConnectorsWithEvents() {
    return this.all("SELECT * FROM connector_events WHERE definitions != '[]' ORDER BY connector_id").map((row) => ({
      connectorId: text(row.connector_id),
      events: JSON.parse(text(row.definitions)) as EventDefinition[],
    }));
  }

  async listActiveConnectionsOf(connectorId: string, page: { limit: number; cursor?: string | undefined }) {
    return this.all(
      `SELECT * FROM connections WHERE connector_id = ? AND status = 'active' AND id > ? ORDER BY id LIMIT ?`,
      connectorId,
      page.cursor ?? '',
      page.limit,
    ).map(connection);
  }

  async getPollingState(connectionId: string, eventKey: string) {
    const row = this.get(
      'SELECT * FROM polling_state WHERE connection_id = ? AND event_key = ?',
      connectionId,
      eventKey,
    );
    return (
      row && {
        connectionId: text(row.connection_id),
        eventKey: text(row.event_key),
        seenIds: JSON.parse(text(row.seen_ids)) as string[],
        nextRunAt: text(row.next_run_at),
      }
    );
  }

  async putPollingState(r: PollingStateRecord) {
    this.run(
      `INSERT INTO polling_state (connection_id, event_key, seen_ids, next_run_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (connection_id, event_key) DO UPDATE SET seen_ids = excluded.seen_ids,
       next_run_at = excluded.next_run_at`,
      r.connectionId,
      r.eventKey,
      JSON.stringify(r.seenIds),
      r.nextRunAt,
    );
  }

  async createWebhookEndpoint(e: WebhookEndpointRecord) {
    this.run(
      `INSERT INTO webhook_endpoints (id, organization_id, url, description, event_types, key_id, nonce, ciphertext,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...[e.id, e.organizationId, e.url, e.description, e.events === null ? null : JSON.stringify(e.events)],
      ...[e.secret.keyId, e.secret.nonce, e.secret.ciphertext, e.createdAt],
    );
  }

  async getWebhookEndpoint(id: string) {
    const row = this.get('SELECT * FROM webhook_endpoints WHERE id = ?', id);
    return row && endpoint(row);
  }

  async listWebhookEndpoints(organizationId: string) {
    return this.all('SELECT * FROM webhook_endpoints WHERE organization_id = ? ORDER BY id', organizationId).map(
      endpoint,
    );
  }

  async deleteWebhookEndpoint(id: string) {
    return this.run('DELETE FROM webhook_endpoints WHERE id = ?', id) > 0;
  }

  async createEvent(e: EventRecord, deliveries: DeliveryRecord[]) {
    this.db.transaction(() => {
      this.run(
        'INSERT INTO events (id, organization_id, type, body, created_at) VALUES (?, ?, ?, ?, ?)',
        ...[e.id, e.organizationId, e.type, e.body, e.createdAt],
      );
      for (const record of deliveries) this.insertDelivery(record);
    })();
  }

  async getEvent(id: string) {
    const row = this.get('SELECT * FROM events WHERE id = ?', id);
    return row && event(row);
  }

  private insertDelivery(d: DeliveryRecord) {
    this.run(
      `INSERT INTO deliveries (id, organization_id, endpoint_id, event_id, type, status, attempts, last_status,
       last_error, next_attempt_at, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...[d.id, d.organizationId, d.endpointId, d.eventId, d.type, d.status, d.attempts, d.lastStatus],
      ...[d.lastError, d.nextAttemptAt, d.createdAt, d.deliveredAt],
    );
  }

  async createDelivery(record: DeliveryRecord) {
    this.insertDelivery(record);
  }

  async getDelivery(id: string) {
    const row = this.get('SELECT * FROM deliveries WHERE id = ?', id);
    return row && delivery(row);
  }

  async listDeliveries(filter: DeliveryFilter) {
    const clauses = ['organization_id = ?'];
    const params: unknown[] = [filter.organizationId];
    for (const [column, value] of [
      ['endpoint_id', filter.endpointId],
      ['status', filter.status],
    ] as const) {
      if (value === undefined) continue;
      clauses.push(`${column} = ?`);
      params.push(value);
    }
    if (filter.cursor !== undefined) {
      clauses.push('id < ?');
      params.push(filter.cursor);
    }
    const sql = `SELECT * FROM deliveries WHERE ${clauses.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    return this.all(sql, ...params, filter.limit).map(delivery);
  }

  async claimDueDeliveries(now: string, leaseUntil: string, limit: number) {
    return this.db.transaction(() => {
      const due = this.all(
        `SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
        now,
        limit,
      ).map(delivery);
      const claimed: DeliveryRecord[] = [];
      for (const record of due) {
        const changed = this.run(
          `UPDATE deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at = ?`,
          leaseUntil,
          record.id,
          record.nextAttemptAt,
        );
        if (changed > 0) claimed.push({ ...record, nextAttemptAt: leaseUntil });
      }
      return claimed;
    })();
  }

  async updateDelivery(d: DeliveryRecord) {
    this.run(
      `UPDATE deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?,
       delivered_at = ? WHERE id = ?`,
      ...[d.status, d.attempts, d.lastStatus, d.lastError, d.nextAttemptAt, d.deliveredAt, d.id],
    );
  }

  async putInbound(r: InboundRecord) {
    this.run(
      `INSERT INTO inbound_endpoints (connection_id, token_hash, key_id, nonce, ciphertext, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id) DO UPDATE SET token_hash = excluded.token_hash,
       key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext`,
      ...[r.connectionId, r.tokenHash, r.sealed.keyId, r.sealed.nonce, r.sealed.ciphertext, r.createdAt],
    );
  }

  async getInbound(connectionId: string) {
    const row = this.get('SELECT * FROM inbound_endpoints WHERE connection_id = ?', connectionId);
    return row && inbound(row);
  }

  async findInboundByTokenHash(tokenHash: string) {
    const row = this.get('SELECT * FROM inbound_endpoints WHERE token_hash = ?', tokenHash);
    return row && inbound(row);
  }

  async claimInboundDelivery(connectionId: string, deliveryId: string, at: string) {
    const changed = this.run(
      `INSERT INTO inbound_deliveries (connection_id, delivery_id, received_at) VALUES (?, ?, ?)
       ON CONFLICT (connection_id, delivery_id) DO NOTHING`,
      ...[connectionId, deliveryId, at],
    );
    return changed > 0;
  }

  async releaseInboundDelivery(connectionId: string, deliveryId: string) {
    this.run('DELETE FROM inbound_deliveries WHERE connection_id = ? AND delivery_id = ?', connectionId, deliveryId);
  }
}
