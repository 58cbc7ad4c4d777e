/** Issue 5's contract shapes (actions, webhook endpoints, deliveries), from `@plugboard/shared`. */
export type {
  ActionDefinition,
  ActionMethod,
  ActionResult,
  ActionTest,
  ActionTestResult,
  ActionTestRun,
  ConnectorAction,
  CreatedWebhookEndpoint,
  Delivery,
  DeliveryListQuery,
  DeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from '@plugboard/shared';

/** Plugboard's own lifecycle events, offered as checkboxes when adding an endpoint. */
export const LIFECYCLE_EVENTS = [
  'connection.created',
  'connection.deleted',
  'connection.needs_reauth',
  'connection.refreshed',
] as const;
