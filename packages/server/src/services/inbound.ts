import { randomBytes } from 'node:crypto';
import { ErrorCode, type EventDefinition, type InboundEndpoint } from '@plugboard/shared';
import { openInboundSecrets, sealInboundSecrets } from '../crypto/credential-cipher.js';
import { hashSecret, newSecret } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectionRecord, ConnectorRecord, InboundRecord } from '../storage/store.js';
import { type CallFacts, recordedCall } from './call-log.js';
import type { ServiceDeps } from './deps.js';
import { emitEvent } from './events.js';
import { deliveryIdOf } from './inbound-delivery-id.js';
import { signatureMatches } from './inbound-signature.js';
import { rateLimitsOf, takeOrRefuse } from './rate-limits.js';

/** Prefix of inbound URL tokens. */
export const INBOUND_TOKEN_PREFIX = 'pbin_';

type Signature = NonNullable<Extract<EventDefinition['delivery'], { kind: 'webhook' }>['signature']>;

const owner = (record: ConnectionRecord) => ({
  organizationId: record.organizationId,
  tenantId: record.tenantId,
  connectionId: record.id,
});

const webhookEvents = (events: EventDefinition[]) => events.filter((event) => event.delivery.kind === 'webhook');
const signatureOf = (event: EventDefinition): Signature | undefined =>
  event.delivery.kind === 'webhook' ? event.delivery.signature : undefined;

async function present(
  deps: ServiceDeps,
  connection: ConnectionRecord,
  token: string,
  secret: string,
  baseUrl: string,
) {
  const events = await deps.store.getConnectorEvents(connection.connectorId);
  const signed = webhookEvents(events).some((event) => signatureOf(event) !== undefined);
  return { url: `${baseUrl}/v1/inbound/${token}`, ...(signed ? { secret } : {}) };
}

/**
 * A connection's inbound URL, if it has one: reading it never creates it (see {@link createInboundEndpoint}).
 *
 * @param baseUrl - the server's public URL, without a trailing slash
 * @throws ApiError 404 when the connection has no inbound URL yet
 */
export async function getInboundEndpoint(
  deps: ServiceDeps,
  connection: ConnectionRecord,
  baseUrl: string,
): Promise<InboundEndpoint> {
  const existing = await deps.store.getInbound(connection.id);
  if (!existing) {
    throw new ApiError(
      404,
      ErrorCode.NotFound,
      `Connection ${connection.id} has no inbound URL yet: create it with POST /v1/connections/${connection.id}/inbound`,
    );
  }
  const { token, secret } = openInboundSecrets(deps.keyring, owner(connection), existing.sealed);
  return present(deps, connection, token, secret, baseUrl);
}

/**
 * Gives a connection its inbound URL, or returns the one it has: the token in the URL is random (256 bits) and
 * found by its hash; the token and the signing secret are sealed so the admin can read them again.
 *
 * @param baseUrl - the server's public URL, without a trailing slash
 */
export async function createInboundEndpoint(
  deps: ServiceDeps,
  connection: ConnectionRecord,
  baseUrl: string,
): Promise<InboundEndpoint> {
  const existing = await deps.store.getInbound(connection.id);
  if (existing) return getInboundEndpoint(deps, connection, baseUrl);
  const secrets = { token: newSecret(INBOUND_TOKEN_PREFIX), secret: randomBytes(32).toString('hex') };
  await deps.store.putInbound({
    connectionId: connection.id,
    tokenHash: hashSecret(secrets.token),
    sealed: sealInboundSecrets(deps.keyring, owner(connection), secrets),
    createdAt: deps.now().toISOString(),
  });
  return present(deps, connection, secrets.token, secrets.secret, baseUrl);
}

/** The webhook event a post is for: `?event=<key>`, or the connector's only webhook event. */
function pickEvent(events: EventDefinition[], eventKey: string | undefined): EventDefinition {
  const candidates = webhookEvents(events);
  const event =
    eventKey === undefined
      ? candidates.length === 1
        ? candidates[0]
        : undefined
      : candidates.find((candidate) => candidate.key === eventKey);
  if (!event) {
    const message = eventKey ? `No webhook event "${eventKey}"` : 'Name the event: ?event=<key>';
    throw ApiError.validation([{ path: 'event', message }]);
  }
  return event;
}

function parsePayload(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new ApiError(400, ErrorCode.InvalidJson, 'The body is not valid JSON');
  }
}

/** A webhook as the inbound route hands it over; the body is read only once the URL's budget allows it. */
export interface InboundRequest {
  eventKey: string | undefined;
  header: (name: string) => string | undefined;
  readBody: () => Promise<Uint8Array>;
  /** The API request's id, for the call log. */
  requestId?: string | undefined;
}

/**
 * Takes a webhook a third party posted to an inbound URL: finds the connection by the token's hash, takes one
 * token from the URL's budget, picks the event (`?event=<key>`, or the connector's only webhook event), checks
 * the signature when the event defines one, drops a delivery id already received (see
 * `DELIVERY_ID_HEADERS`), and emits `<connector-slug>.<event-key>` to the vendor's endpoints.
 *
 * @returns the new event's id, or `duplicate: true` (and no event) for a delivery id seen before
 * @throws ApiError 404 for an unknown token, 429 `rate_limited` past the URL's budget, 400 for an unknown event
 *   or a body that is not JSON, 401 `invalid_signature` (nothing is stored)
 */
export async function receiveInbound(
  deps: ServiceDeps,
  token: string,
  request: InboundRequest,
): Promise<{ eventId: string; duplicate: false } | { duplicate: true }> {
  const inbound = await deps.store.findInboundByTokenHash(hashSecret(token));
  const connection = inbound && (await deps.store.getConnection(inbound.connectionId));
  const connector = connection && (await deps.store.getConnector(connection.connectorId));
  if (!inbound || !connection || !connector) throw ApiError.notFound('Inbound URL');
  const facts: CallFacts = {
    kind: 'webhook',
    organizationId: connection.organizationId,
    tenantId: connection.tenantId,
    connectionId: connection.id,
    connectorId: connector.id,
    connectorSlug: connector.slug,
    operation: request.eventKey ?? null,
    method: 'POST',
    // The token in the URL is the inbound URL's credential: never logged.
    path: '/v1/inbound/{token}',
    requestId: request.requestId,
  };
  return recordedCall(
    deps,
    facts,
    () => receiveFor(deps, { inbound, connection, connector }, request),
    () => 200,
  );
}

async function receiveFor(
  deps: ServiceDeps,
  {
    inbound,
    connection,
    connector,
  }: { inbound: InboundRecord; connection: ConnectionRecord; connector: ConnectorRecord },
  request: InboundRequest,
): Promise<{ eventId: string; duplicate: false } | { duplicate: true }> {
  const budget = rateLimitsOf(deps).inboundPerUrl;
  await takeOrRefuse(deps, `inbound:${connection.id}`, budget, 'Too many webhooks for this inbound URL; retry later');
  const body = await request.readBody();
  const event = pickEvent(await deps.store.getConnectorEvents(connector.id), request.eventKey);
  const signature = signatureOf(event);
  if (signature) {
    const { secret } = openInboundSecrets(deps.keyring, owner(connection), inbound.sealed);
    if (!signatureMatches(signature, secret, body, request.header, deps.now().getTime())) {
      deps.logger.warn({ event: 'inbound.invalid_signature', connectionId: connection.id });
      throw new ApiError(401, ErrorCode.InvalidSignature, 'The webhook signature does not match');
    }
  }
  const payload = parsePayload(body);
  const deliveryId = deliveryIdOf(request.header);
  // Claimed after every check, so a rejected post does not make its retry look like a duplicate.
  if (deliveryId && !(await deps.store.claimInboundDelivery(connection.id, deliveryId, deps.now().toISOString()))) {
    deps.logger.info({ event: 'inbound.duplicate', connectionId: connection.id });
    return { duplicate: true };
  }
  const data = { connection: { id: connection.id, tenantId: connection.tenantId, connectorId: connector.id }, payload };
  try {
    return {
      eventId: await emitEvent(deps, connection.organizationId, `${connector.slug}.${event.key}`, data),
      duplicate: false,
    };
  } catch (error) {
    if (deliveryId) await deps.store.releaseInboundDelivery(connection.id, deliveryId);
    throw error;
  }
}
