import { createHmac, randomBytes } from 'node:crypto';
import { ErrorCode, type EventDefinition, type InboundEndpoint } from '@plugboard/shared';
import { openInboundSecrets, sealInboundSecrets } from '../crypto/credential-cipher.js';
import { hashSecret, newSecret } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectionRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';
import { emitEvent } from './events.js';
import { safeEqual } from './webhook-signature.js';

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

/**
 * A connection's inbound URL, made on first request: the token in the URL is random (256 bits) and found
 * by its hash; the token and the signing secret are sealed so the admin can read them again.
 *
 * @param baseUrl - the server's public URL, without a trailing slash
 */
export async function inboundEndpointOf(
  deps: ServiceDeps,
  connection: ConnectionRecord,
  baseUrl: string,
): Promise<InboundEndpoint> {
  const existing = await deps.store.getInbound(connection.id);
  let secrets = existing && openInboundSecrets(deps.keyring, owner(connection), existing.sealed);
  if (!secrets) {
    secrets = { token: newSecret(INBOUND_TOKEN_PREFIX), secret: randomBytes(32).toString('hex') };
    await deps.store.putInbound({
      connectionId: connection.id,
      tokenHash: hashSecret(secrets.token),
      sealed: sealInboundSecrets(deps.keyring, owner(connection), secrets),
      createdAt: deps.now().toISOString(),
    });
  }
  const events = await deps.store.getConnectorEvents(connection.connectorId);
  const signed = webhookEvents(events).some((event) => signatureOf(event) !== undefined);
  return { url: `${baseUrl}/v1/inbound/${secrets.token}`, ...(signed ? { secret: secrets.secret } : {}) };
}

function expectedSignature(signature: Signature, secret: string, body: Uint8Array): string {
  const digest = createHmac('sha256', secret).update(body).digest(signature.encoding);
  return `${signature.prefix ?? ''}${digest}`;
}

/**
 * Takes a webhook a third party posted to an inbound URL: finds the connection by the token's hash, picks the
 * event (`?event=<key>`, or the connector's only webhook event), checks the signature when the event defines
 * one, and emits `<connector-slug>.<event-key>` to the vendor's endpoints.
 *
 * @throws ApiError 404 for an unknown token, 400 for an unknown event or a body that is not a JSON object,
 *   401 `invalid_signature` (nothing is stored)
 */
export async function receiveInbound(
  deps: ServiceDeps,
  token: string,
  request: { eventKey: string | undefined; header: (name: string) => string | undefined; body: Uint8Array },
): Promise<{ eventId: string }> {
  const inbound = await deps.store.findInboundByTokenHash(hashSecret(token));
  const connection = inbound && (await deps.store.getConnection(inbound.connectionId));
  const connector = connection && (await deps.store.getConnector(connection.connectorId));
  if (!inbound || !connection || !connector) throw ApiError.notFound('Inbound URL');
  const candidates = webhookEvents(await deps.store.getConnectorEvents(connector.id));
  const event =
    request.eventKey === undefined
      ? candidates.length === 1
        ? candidates[0]
        : undefined
      : candidates.find((candidate) => candidate.key === request.eventKey);
  if (!event) {
    const message = request.eventKey ? `No webhook event "${request.eventKey}"` : 'Name the event: ?event=<key>';
    throw ApiError.validation([{ path: 'event', message }]);
  }
  const signature = signatureOf(event);
  if (signature) {
    const { secret } = openInboundSecrets(deps.keyring, owner(connection), inbound.sealed);
    const received = request.header(signature.header) ?? '';
    if (!safeEqual(received, expectedSignature(signature, secret, request.body))) {
      deps.logger.warn({ event: 'inbound.invalid_signature', connectionId: connection.id });
      throw new ApiError(401, ErrorCode.InvalidSignature, 'The webhook signature does not match');
    }
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch {
    throw new ApiError(400, ErrorCode.InvalidJson, 'The body is not valid JSON');
  }
  const data = {
    connection: { id: connection.id, tenantId: connection.tenantId, connectorId: connector.id },
    payload,
  };
  return { eventId: await emitEvent(deps, connection.organizationId, `${connector.slug}.${event.key}`, data) };
}
