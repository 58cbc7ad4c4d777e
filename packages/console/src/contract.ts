/**
 * Issue 5's contract shapes (actions, webhook endpoints, deliveries) as the console reads them. They mirror the
 * contract until `@plugboard/shared` exports its own; then these become re-exports.
 */

/** The HTTP methods an action may use. */
export type ActionMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to the third-party API a connector defines. */
export interface ActionDefinition {
  key: string;
  name: string;
  description: string;
  method: ActionMethod;
  path: string;
  /** A JSON Schema object; read through `fieldsOf`, which trusts none of its shape. */
  input: Record<string, unknown>;
  response?: Record<string, unknown> | undefined;
  verify?: boolean | undefined;
}

/** The outcome of an action's last test: passed when the API answered 2xx. */
export interface ActionTest {
  passed: boolean;
  status: number;
  at: string;
  latencyMs: number;
}

/** What an action run sent and got back; the server masks secrets in the request's URL and headers. */
export interface ActionResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string> };
}

/** An action as `connectors.actions(id)` lists it. */
export type ConnectorAction = ActionDefinition & { lastTest: ActionTest | null };

/** What `connectors.testAction` answers. */
export type ActionTestResult = ActionTest & { result: ActionResult };

/** A vendor endpoint Plugboard delivers events to. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** The event types delivered; null means every type. */
  events: string[] | null;
  createdAt: string;
}

/** The body of `webhookEndpoints.create`. */
export interface WebhookEndpointCreate {
  url: string;
  description?: string;
  events?: string[];
}

/** The endpoint just created, with its signing secret: the only time it is shown. */
export type CreatedWebhookEndpoint = WebhookEndpoint & { signingSecret: string };

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event's delivery to one endpoint. */
export interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** Filters and paging of the delivery log. */
export interface DeliveryListQuery {
  endpointId?: string;
  status?: DeliveryStatus;
  limit?: number;
  cursor?: string;
}

/** Plugboard's own lifecycle events, offered as checkboxes when adding an endpoint. */
export const LIFECYCLE_EVENTS = [
  'connection.created',
  'connection.deleted',
  'connection.needs_reauth',
  'connection.refreshed',
] as const;
