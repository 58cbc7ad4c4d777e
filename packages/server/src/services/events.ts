import type { EventEnvelope } from '@plugboard/shared';
import { newId } from '../crypto/tokens.js';
import type { ConnectionRecord, DeliveryRecord, WebhookEndpointRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

/** Plugboard's own events about connections. */
export type LifecycleEventType =
  | 'connection.created'
  | 'connection.deleted'
  | 'connection.needs_reauth'
  | 'connection.refreshed';

const wants = (endpoint: WebhookEndpointRecord, type: string) =>
  endpoint.events === null || endpoint.events.includes(type);

/**
 * Records an event and one pending delivery per endpoint that wants its type, in one write: the outbox the
 * delivery worker sends from, so nothing is lost when the process stops before sending.
 *
 * @returns the event id
 */
export async function emitEvent(
  deps: ServiceDeps,
  organizationId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<string> {
  const now = deps.now().toISOString();
  const envelope: EventEnvelope = { id: newId('evt'), type, createdAt: now, data };
  const endpoints = (await deps.store.listWebhookEndpoints(organizationId)).filter((e) => wants(e, type));
  const deliveries: DeliveryRecord[] = endpoints.map((endpoint) => ({
    ...{ id: newId('dlv'), organizationId, endpointId: endpoint.id, eventId: envelope.id, type, status: 'pending' },
    ...{ attempts: 0, lastStatus: null, lastError: null, nextAttemptAt: now, createdAt: now, deliveredAt: null },
  }));
  const body = JSON.stringify(envelope);
  await deps.store.createEvent({ id: envelope.id, organizationId, type, body, createdAt: now }, deliveries);
  return envelope.id;
}

/** What a lifecycle event says about a connection: ids, label and status, never credentials. */
export function connectionEventData(record: ConnectionRecord): Record<string, unknown> {
  const { id, tenantId, connectorId, authMethodId, authKind, label, status, createdAt } = record;
  return { connection: { id, tenantId, connectorId, authMethodId, authKind, label, status, createdAt } };
}

/**
 * Emits a lifecycle event about a connection. A failure is logged, not thrown: the change to the
 * connection already happened and must not be reported as failed.
 */
export async function emitConnectionEvent(
  deps: ServiceDeps,
  type: LifecycleEventType,
  record: ConnectionRecord,
): Promise<void> {
  try {
    await emitEvent(deps, record.organizationId, type, connectionEventData(record));
  } catch (error) {
    deps.logger.error({ event: 'event.emit_failed', type, connectionId: record.id, name: (error as Error).name });
  }
}
