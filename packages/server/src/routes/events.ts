import {
  createdWebhookEndpointSchema,
  deliveryListQuerySchema,
  deliverySchema,
  ErrorCode,
  inboundEndpointSchema,
  pageSchema,
  webhookEndpointCreateSchema,
  webhookEndpointSchema,
} from '@plugboard/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { requestIdOf } from '../http/request-id.js';
import { route } from '../http/route.js';
import { findConnection } from '../services/connections.js';
import type { ServiceDeps } from '../services/deps.js';
import { createInboundEndpoint, getInboundEndpoint, receiveInbound } from '../services/inbound.js';
import {
  createWebhookEndpoint,
  findWebhookEndpoint,
  listDeliveries,
  presentEndpoint,
  resendDelivery,
} from '../services/webhook-endpoints.js';

/** Where inbound URLs point. Without a configured public URL the address the admin called is the best guess; it is only shown to them. */
const baseUrlOf = (c: Context, options: { publicUrl?: string | undefined }) =>
  (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

/** Vendor webhook endpoints, the delivery log, and inbound URLs for third-party webhooks. */
export const eventRoutes = (deps: ServiceDeps, options: { publicUrl?: string | undefined }) => [
  route({
    method: 'get',
    path: '/v1/webhook-endpoints',
    tag: 'Events',
    summary: 'List the endpoints events are delivered to',
    operationId: 'listWebhookEndpoints',
    description: 'The endpoints events are delivered to; never their signing secrets.',
    auth: 'admin',
    status: 200,
    response: pageSchema(webhookEndpointSchema),
    handler: async ({ auth }) => ({
      data: (await deps.store.listWebhookEndpoints(auth.organization.id)).map(presentEndpoint),
      nextCursor: null,
    }),
  }),
  route({
    method: 'post',
    path: '/v1/webhook-endpoints',
    tag: 'Events',
    summary: 'Add an endpoint; its signing secret is in this response only',
    operationId: 'createWebhookEndpoint',
    description:
      'Adds an endpoint events are delivered to (signed, retried with backoff). Its URL passes the egress policy; its signing secret is in this response only.',
    errors: [ErrorCode.EgressBlocked],
    auth: 'admin',
    status: 201,
    body: webhookEndpointCreateSchema,
    response: createdWebhookEndpointSchema,
    handler: ({ auth, body }) => createWebhookEndpoint(deps, auth.organization.id, body),
  }),
  route({
    method: 'delete',
    path: '/v1/webhook-endpoints/{id}',
    tag: 'Events',
    summary: 'Remove an endpoint with its deliveries',
    operationId: 'deleteWebhookEndpoint',
    description: 'Removes an endpoint with its deliveries.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => {
      const endpoint = await findWebhookEndpoint(deps, auth.organization.id, params.id ?? '');
      await deps.store.deleteWebhookEndpoint(endpoint.id);
    },
  }),
  route({
    method: 'get',
    path: '/v1/deliveries',
    tag: 'Events',
    summary: 'The delivery log, newest first',
    operationId: 'listDeliveries',
    description: 'The delivery log, newest first, filtered by endpoint or status, in pages.',
    auth: 'admin',
    status: 200,
    query: deliveryListQuerySchema,
    response: pageSchema(deliverySchema),
    handler: ({ auth, query }) => listDeliveries(deps, { organizationId: auth.organization.id, ...query }),
  }),
  route({
    method: 'post',
    path: '/v1/deliveries/{id}/resend',
    tag: 'Events',
    summary: 'Send a delivery’s event again, as a new delivery',
    operationId: 'resendDelivery',
    description: "Queues the delivery's event again, as a new delivery to the same endpoint.",
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 201,
    response: deliverySchema,
    handler: ({ auth, params }) => resendDelivery(deps, auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'get',
    path: '/v1/connections/{id}/inbound',
    tag: 'Events',
    summary:
      'The URL a connection’s third party posts webhooks to, with the signing secret to give it; 404 until it is created with POST',
    operationId: 'getInboundEndpoint',
    description:
      'The inbound URL of a connection and the signing secret the third party signs with; 404 until it is created.',
    errors: [ErrorCode.NotFound, ErrorCode.NotConfigured],
    auth: 'admin',
    status: 200,
    response: inboundEndpointSchema,
    handler: async ({ auth, params, c }) => {
      const connection = await findConnection(deps, auth.organization.id, params.id ?? '');
      return getInboundEndpoint(deps, connection, baseUrlOf(c, options));
    },
  }),
  route({
    method: 'post',
    path: '/v1/connections/{id}/inbound',
    tag: 'Events',
    summary:
      'Give a connection its inbound URL (or return the one it has), with the signing secret to give the third party',
    operationId: 'createInboundEndpoint',
    description:
      'Gives the connection its inbound URL, or returns the one it has; the connector must declare inbound events.',
    errors: [ErrorCode.NotFound, ErrorCode.NotConfigured, ErrorCode.Conflict],
    auth: 'admin',
    status: 200,
    response: inboundEndpointSchema,
    handler: async ({ auth, params, c }) => {
      const connection = await findConnection(deps, auth.organization.id, params.id ?? '');
      return createInboundEndpoint(deps, connection, baseUrlOf(c, options));
    },
  }),
  route({
    method: 'post',
    path: '/v1/inbound/{token}',
    tag: 'Events',
    summary:
      'Receive a third party’s webhook; the token in the URL identifies the connection. A delivery id seen before (webhook-id, X-GitHub-Delivery, ...) answers 200 with duplicate: true and makes no event; past the URL’s budget, 429',
    operationId: 'receiveInboundWebhook',
    description:
      "Where a third party posts webhooks: the signature is checked with the connection's secret, the event is stored and delivered. The token in the URL identifies the connection.",
    errors: [
      ErrorCode.NotFound,
      ErrorCode.InvalidSignature,
      ErrorCode.RateLimited,
      ErrorCode.PayloadTooLarge,
      ErrorCode.ValidationFailed,
      ErrorCode.InvalidJson,
    ],
    auth: 'none',
    status: 200,
    response: z.object({ received: z.literal(true), duplicate: z.boolean() }),
    handler: async ({ c, params }) => {
      const result = await receiveInbound(deps, params.token ?? '', {
        eventKey: c.req.query('event'),
        header: (name) => c.req.header(name),
        readBody: async () => new Uint8Array(await c.req.arrayBuffer()),
        requestId: requestIdOf(c),
      });
      return { received: true as const, duplicate: result.duplicate };
    },
  }),
];
