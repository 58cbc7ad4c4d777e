import { z } from 'zod';
import { timestampSchema } from './common.js';

/**
 * What a call log entry records: an action run, a proxy call, an MCP tool call, a token refresh, a webhook a
 * third party posted to an inbound URL, or a delivery to one of the vendor's webhook endpoints.
 */
export const callLogKindSchema = z.enum(['action', 'proxy', 'mcp_tool', 'refresh', 'webhook', 'delivery']);

/**
 * A class of outcomes to filter call logs by: `2xx`, `3xx`, `4xx` and `5xx` by the upstream's HTTP status,
 * `error` for calls that failed with a Plugboard error code (a timeout, the egress policy, a budget...).
 */
export const callLogStatusClassSchema = z.enum(['2xx', '3xx', '4xx', '5xx', 'error']);

/**
 * One call in a tenant's call log. It carries where the call went (method, host and path template) and how it
 * ended, never a query value, a header or a body.
 */
export const callLogSchema = z.object({
  id: z.string(),
  kind: callLogKindSchema,
  tenantId: z.string().nullable(),
  connectionId: z.string().nullable(),
  connectorId: z.string().nullable(),
  /** The connector's slug when the call was made (kept if the connector is deleted later). */
  connector: z.string().nullable(),
  /** The action key, MCP tool name, event type or `refresh_token`; null for a proxy call. */
  operation: z.string().nullable(),
  method: z.string().nullable(),
  host: z.string().nullable(),
  /** The action's path template (`/contacts/{id}`), or a proxy call's path without its query. */
  path: z.string().nullable(),
  /** The upstream's HTTP status; null when there was no response (a timeout, a refused address). */
  status: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The Plugboard error code the call failed with, if it failed. */
  errorCode: z.string().nullable(),
  /** The `X-Request-Id` of the API request that made the call; null for background work. */
  requestId: z.string().nullable(),
  createdAt: timestampSchema,
});

/** Query of `GET /v1/logs`: filters, newest first, keyset paging with `cursor`. */
export const callLogListQuerySchema = z.strictObject({
  tenantId: z.string().max(200).optional(),
  /** A connector's id or slug. */
  connector: z.string().max(100).optional(),
  connectionId: z.string().max(64).optional(),
  kind: callLogKindSchema.optional(),
  status: callLogStatusClassSchema.optional(),
  /** Only calls at or after this time. */
  since: timestampSchema.optional(),
  /** Only calls before this time. */
  until: timestampSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
