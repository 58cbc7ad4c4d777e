import { z } from 'zod';
import { timestampSchema } from './common.js';

/** A key of an event or action: lowercase letters, digits, dots, dashes and underscores. */
const eventKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'Use lowercase letters, digits, dots, dashes and underscores, e.g. "contact.created"',
  );

/**
 * How a third party signs the webhooks it sends: an HMAC-SHA256 keyed with the inbound URL's secret, in a header.
 * Without `scheme`, of the raw body, the header holding `prefix` then the digest (GitHub, Shopify).
 */
export const eventSignatureSchema = z.strictObject({
  header: z.string().min(1).max(100),
  algorithm: z.literal('sha256'),
  encoding: z.enum(['hex', 'base64']),
  /** Text before the digest in the header value, e.g. `sha256=`. */
  prefix: z.string().max(50).optional(),
  /**
   * A signature over a timestamp and the body, refused when the timestamp is over 5 minutes away:
   * `timestamped` (Stripe, Calendly): the header is `t=<unix>,v1=<digest>[,v1=…]`, signed `<t>.<body>`;
   * `slack`: the header is `v0=<digest>`, signed `v0:<timestamp>:<body>`, the timestamp in
   * `X-Slack-Request-Timestamp`.
   */
  scheme: z.enum(['timestamped', 'slack']).optional(),
});

/** How an event reaches Plugboard: the third party posts to an inbound URL, or an action is polled. */
export const eventDeliverySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webhook'), signature: eventSignatureSchema.optional() }),
  z.strictObject({
    kind: z.literal('polling'),
    /** The key of the connector action to run. */
    action: z.string().min(1).max(64),
    intervalSeconds: z.number().int().min(60).max(86_400),
    /** Dotted path to the array of items in the action's response body, e.g. `data.items`. */
    itemsPath: z.string().max(200),
    /** The field of each item that identifies it, so each item becomes one event once. */
    idField: z.string().min(1).max(100),
  }),
]);

/** One event a connector can produce. Delivered to the vendor as `<connector-slug>.<key>`. */
export const eventDefinitionSchema = z.strictObject({
  key: eventKeySchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).default(''),
  /** A JSON Schema of the payload, for documentation. */
  payload: z.record(z.string(), z.unknown()).optional(),
  delivery: eventDeliverySchema,
});

/** How many events one connector holds: every webhook of the largest published specs (one has 261). */
export const MAX_CONNECTOR_EVENTS = 500;

/** The `events` field of connector create and update bodies: unique keys, at most {@link MAX_CONNECTOR_EVENTS}. */
export const eventDefinitionsSchema = z
  .array(eventDefinitionSchema)
  .max(MAX_CONNECTOR_EVENTS, `A connector holds at most ${MAX_CONNECTOR_EVENTS} events`)
  .refine((events) => new Set(events.map((event) => event.key)).size === events.length, 'Event keys must be unique');

/** Body of `POST /v1/webhook-endpoints`. */
export const webhookEndpointCreateSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' }).max(2048),
  description: z.string().max(500).default(''),
  /** Event types to deliver, e.g. `connection.created` or `hubspot.contact.created`; all when left out. */
  events: z.array(z.string().min(1).max(200)).max(100).optional(),
});

/** A vendor endpoint that receives events. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  /** Event types it receives; null for all. */
  events: z.array(z.string()).nullable(),
  createdAt: timestampSchema,
});

/** What `POST /v1/webhook-endpoints` returns: the endpoint with its signing secret, shown this once. */
export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({
  /** `whsec_…`: verify deliveries with it; it is never shown again. */
  signingSecret: z.string(),
});

/** Where a delivery stands. */
export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);

/** One event sent (or to be sent) to one endpoint. */
export const deliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  /** The HTTP status of the last attempt; null when it got no response. */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  deliveredAt: timestampSchema.nullable(),
});

/** Query of `GET /v1/deliveries`. */
export const deliveryListQuerySchema = z.strictObject({
  endpointId: z.string().max(64).optional(),
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** What `GET /v1/connections/{id}/inbound` returns: where third parties post, and the signing secret if any. */
export const inboundEndpointSchema = z.object({
  url: z.string(),
  /** Present when the connector checks signatures: give it to the third party as its webhook secret. */
  secret: z.string().optional(),
});

/** The JSON body of every delivery. */
export const eventEnvelopeSchema = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: timestampSchema,
  data: z.record(z.string(), z.unknown()),
});
