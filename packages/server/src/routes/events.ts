import {
  createdWebhookEndpointSchema,
  deliveryListQuerySchema,
  deliverySchema,
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
