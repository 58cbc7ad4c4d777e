import type { EventDefinition } from '@plugboard/shared';
import type { SealedCredentials } from '../crypto/credential-cipher.js';
import type { ConnectionRecord } from './records.js';

type Timestamp = string;

/** A vendor endpoint; its signing secret is sealed. `events` null means every event type. */
export interface WebhookEndpointRecord {
  id: string;
  organizationId: string;
  url: string;
  description: string;
  events: string[] | null;
  secret: SealedCredentials;
  createdAt: Timestamp;
}

/** An event as it is delivered: `body` is the exact JSON text every delivery of it sends. */
export interface EventRecord {
  id: string;
  organizationId: string;
  type: string;
  body: string;
  createdAt: Timestamp;
}

/** One event to one endpoint: the outbox row the delivery worker works through. */
export interface DeliveryRecord {
  id: string;
  organizationId: string;
  endpointId: string;
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** When a pending delivery is due; a claimed one is not due again before its lease ends. */
  nextAttemptAt: Timestamp | null;
  createdAt: Timestamp;
  deliveredAt: Timestamp | null;
}

/** Filters of a delivery list, newest first. */
export interface DeliveryFilter {
  organizationId: string;
  endpointId?: string | undefined;
  status?: DeliveryRecord['status'] | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A connection's inbound URL: the token's hash to find it, and the token with the signing secret sealed. */
export interface InboundRecord {
  connectionId: string;
  tokenHash: string;
  /** Sealed `{ token, secret }`. */
  sealed: SealedCredentials;
  createdAt: Timestamp;
}

/** What one connection has seen of one polled event: the newest item ids, and when to poll next. */
export interface PollingStateRecord {
  connectionId: string;
  eventKey: string;
  /** Ids of items already turned into events (or seen on the first run), newest first, capped. */
  seenIds: string[];
  nextRunAt: Timestamp;
}

/** Storage of events: connector event definitions, vendor endpoints, the outbox, inbound URLs. */
export interface EventStore {
  /** Stores (or replaces) a connector's event definitions. */
  putConnectorEvents(connectorId: string, events: EventDefinition[]): Promise<void>;
  /** A connector's event definitions; empty when it has none. */
  getConnectorEvents(connectorId: string): Promise<EventDefinition[]>;
  /** The event definitions of several connectors in one query, by connector id (a connector with none is left out). */
  getEventsOfConnectors(connectorIds: readonly string[]): Promise<Map<string, EventDefinition[]>>;
  /** Every connector that has event definitions, with them, in any organization. */
  listConnectorsWithEvents(): Promise<Array<{ connectorId: string; events: EventDefinition[] }>>;
  /** Active connections of a connector, of every organization, ordered by id, after `cursor`. */
  listActiveConnectionsOf(
    connectorId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<ConnectionRecord[]>;
  getPollingState(connectionId: string, eventKey: string): Promise<PollingStateRecord | undefined>;
  /** Stores (or replaces) a connection's state of one polled event. */
  putPollingState(record: PollingStateRecord): Promise<void>;
  /**
   * Claims a connection's poll of one event when it is due (no state yet, or `nextRunAt <= now`) by moving its
   * `nextRunAt` to `claimUntil`, in one conditional write: of concurrent claimers (any process) exactly one gets
   * the claim, the others `undefined`, as they do when it is not due.
   *
   * @returns the ids seen so far, and whether this is the connection's first run of the event
   */
  claimPoll(
    connectionId: string,
    eventKey: string,
    now: Timestamp,
    claimUntil: Timestamp,
  ): Promise<{ seenIds: string[]; firstRun: boolean } | undefined>;
  /**
   * Stores the state a poll ends with, only while the claim that set `nextRunAt` to `claimedUntil` still holds:
   * a poller whose claim lapsed and was taken by another process writes nothing. Returns whether it wrote.
   */
  finishPoll(record: PollingStateRecord, claimedUntil: Timestamp): Promise<boolean>;

  createWebhookEndpoint(record: WebhookEndpointRecord): Promise<void>;
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | undefined>;
  listWebhookEndpoints(organizationId: string): Promise<WebhookEndpointRecord[]>;
  /** Deletes the endpoint with its deliveries. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;

  /** Stores an event with its deliveries together, or neither: the outbox write. */
  createEvent(event: EventRecord, deliveries: DeliveryRecord[]): Promise<void>;
  getEvent(id: string): Promise<EventRecord | undefined>;
  createDelivery(record: DeliveryRecord): Promise<void>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries of an organization, newest first; the cursor is the last id of the previous page. */
  listDeliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]>;
  /**
   * Pending deliveries due at `now`, at most `limit`, each moved to `leaseUntil` so that no other worker
   * (in this process or another sharing the database) takes it before then.
   */
  claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<DeliveryRecord[]>;
  /** Writes the outcome of an attempt: status, attempts, last status and error, next attempt, delivered at. */
  updateDelivery(record: DeliveryRecord): Promise<void>;

  /** Stores (or replaces) a connection's inbound URL. */
  putInbound(record: InboundRecord): Promise<void>;
  getInbound(connectionId: string): Promise<InboundRecord | undefined>;
  findInboundByTokenHash(tokenHash: string): Promise<InboundRecord | undefined>;
  /**
   * Records the delivery id a third party sent with a webhook, once per connection: true for the first
   * caller, false for a duplicate (atomic, so two replicas receiving one retry store one event).
   */
  claimInboundDelivery(connectionId: string, deliveryId: string, at: string): Promise<boolean>;
  /** Forgets a claimed delivery id, when the event it was for could not be stored, so a retry is not a duplicate. */
  releaseInboundDelivery(connectionId: string, deliveryId: string): Promise<void>;
}
