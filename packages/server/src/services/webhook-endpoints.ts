import {
  type CreatedWebhookEndpoint,
  type Delivery,
  ErrorCode,
  type WebhookEndpoint,
  type webhookEndpointCreateSchema,
} from '@plugboard/shared';
import type { z } from 'zod';
import { sealEndpointSecret } from '../crypto/credential-cipher.js';
import { newId, newSecret } from '../crypto/tokens.js';
import { checkEgress } from '../egress/index.js';
import { ApiError } from '../http/api-error.js';
import type { DeliveryFilter, DeliveryRecord, WebhookEndpointRecord } from '../storage/store.js';
import { egressOf, type ServiceDeps } from './deps.js';

/** Prefix of webhook endpoint signing secrets. */
export const SIGNING_SECRET_PREFIX = 'whsec_';

/** The admin view of an endpoint, without its secret. */
export function presentEndpoint(record: WebhookEndpointRecord): WebhookEndpoint {
  const { id, url, description, events, createdAt } = record;
  return { id, url, description, events, createdAt };
}

/** The admin view of a delivery. */
export function presentDelivery(record: DeliveryRecord): Delivery {
  const { id, endpointId, eventId, type, status, attempts, lastStatus, lastError, nextAttemptAt } = record;
  return { id, endpointId, eventId, type, status, attempts, lastStatus, lastError, nextAttemptAt, ...dates(record) };
}

const dates = ({ createdAt, deliveredAt }: DeliveryRecord) => ({ createdAt, deliveredAt });

/**
 * Registers an endpoint; its URL must pass the egress policy now (and again on every delivery). The signing
 * secret is sealed and returned this once.
 * @throws ApiError 400 `egress_blocked` when the URL resolves to an address the policy refuses
 */
export async function createWebhookEndpoint(
  deps: ServiceDeps,
  organizationId: string,
  input: z.output<typeof webhookEndpointCreateSchema>,
): Promise<CreatedWebhookEndpoint> {
  const decision = await checkEgress(input.url, egressOf(deps));
  if (!decision.allowed) {
    throw new ApiError(400, ErrorCode.EgressBlocked, decision.message, {
      issues: [{ path: 'url', message: decision.message }],
    });
  }
  const id = newId('whe');
  const signingSecret = newSecret(SIGNING_SECRET_PREFIX);
  const record: WebhookEndpointRecord = {
    id,
    organizationId,
    url: input.url,
    description: input.description,
    events: input.events ?? null,
    secret: sealEndpointSecret(deps.keyring, organizationId, id, signingSecret),
    createdAt: deps.now().toISOString(),
  };
  await deps.store.createWebhookEndpoint(record);
  return { ...presentEndpoint(record), signingSecret };
}

/** An endpoint of the organization. @throws ApiError 404 */
export async function findWebhookEndpoint(deps: ServiceDeps, organizationId: string, id: string) {
  const record = await deps.store.getWebhookEndpoint(id);
  if (!record || record.organizationId !== organizationId) throw ApiError.notFound(`Webhook endpoint ${id}`);
  return record;
}

/** A page of the organization's deliveries, newest first. */
export async function listDeliveries(deps: ServiceDeps, filter: DeliveryFilter) {
  const records = await deps.store.listDeliveries({ ...filter, limit: filter.limit + 1 });
  const page = records.slice(0, filter.limit);
  const nextCursor = records.length > filter.limit ? (page.at(-1)?.id ?? null) : null;
  return { data: page.map(presentDelivery), nextCursor };
}

/**
 * Sends a delivery's event to its endpoint again, as a new delivery with its own attempts; the original
 * stays in the log as it was.
 * @throws ApiError 404
 */
export async function resendDelivery(deps: ServiceDeps, organizationId: string, id: string): Promise<Delivery> {
  const original = await deps.store.getDelivery(id);
  if (!original || original.organizationId !== organizationId) throw ApiError.notFound(`Delivery ${id}`);
  await findWebhookEndpoint(deps, organizationId, original.endpointId);
  const now = deps.now().toISOString();
  const record: DeliveryRecord = {
    ...original,
    id: newId('dlv'),
    status: 'pending',
    attempts: 0,
    lastStatus: null,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
    deliveredAt: null,
  };
  await deps.store.createDelivery(record);
  return presentDelivery(record);
}
