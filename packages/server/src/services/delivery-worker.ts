import { ErrorCode } from '@plugboard/shared';
import { openEndpointSecret } from '../crypto/credential-cipher.js';
import { EgressBlockedError, OutboundError, sendOutbound } from '../egress/index.js';
import type { DeliveryRecord } from '../storage/store.js';
import { recordCall } from './call-log.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { RoundWorker } from './round-worker.js';
import { SIGNATURE_HEADER, signDelivery } from './webhook-signature.js';

/** How deliveries are retried. */
export interface DeliveryPolicy {
  /** Attempts before a delivery is marked `failed`. @default 8 */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each further one. @default 30_000 */
  baseDelayMs: number;
  /** The longest wait between attempts. @default 21_600_000 (6 hours) */
  maxDelayMs: number;
  /** How long an endpoint has to answer. @default 10_000 */
  timeoutMs: number;
  /** How many due deliveries one round sends. @default 20 */
  batchSize: number;
  /**
   * How long a round's claim on its deliveries lasts; a process that dies mid-round leaves them to another once
   * it lapses. A send is cut off at half of it at the latest, so that no claim lapses while its send is on the
   * wire (which would let a second process send the same delivery at once). @default timeoutMs + 30 s
   */
  leaseMs?: number;
}

/** The retry schedule deliveries use unless `createApp` is given another. */
export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
  timeoutMs: 10_000,
  batchSize: 20,
};

/**
 * The wait before attempt `attempts + 1`: exponential, capped, with jitter (between half and all of it) so
 * that deliveries that failed together do not all retry together.
 */
export function backoffMs(policy: DeliveryPolicy, attempts: number, random = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * Sends due deliveries from the outbox in the database. Each round claims due rows with a lease (the
 * timeout plus a margin), so a crash mid-send leaves them to be picked up again, by this process or
 * another one, once the lease ends.
 */
export class DeliveryWorker extends RoundWorker<number> {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly policy: DeliveryPolicy = defaultDeliveryPolicy,
  ) {
    super();
  }

  /** Sends every due delivery once; returns how many were attempted. */
  protected override async round(): Promise<number> {
    const now = this.deps.now();
    const leaseMs = this.policy.leaseMs ?? this.policy.timeoutMs + 30_000;
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    const due = await this.deps.store.claimDueDeliveries(now.toISOString(), lease, this.policy.batchSize);
    const timeoutMs = Math.min(this.policy.timeoutMs, Math.floor(leaseMs / 2));
    await Promise.all(due.map((delivery) => this.#attempt(delivery, timeoutMs)));
    return due.length;
  }

  async #attempt(delivery: DeliveryRecord, timeoutMs: number): Promise<void> {
    const { store, keyring, logger } = this.deps;
    const [endpoint, event] = await Promise.all([
      store.getWebhookEndpoint(delivery.endpointId),
      store.getEvent(delivery.eventId),
    ]);
    if (!endpoint || !event) {
      await store.updateDelivery({ ...delivery, status: 'failed', nextAttemptAt: null, lastError: 'Endpoint gone' });
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    let failure: unknown;
    const started = performance.now();
    try {
      const secret = openEndpointSecret(keyring, endpoint.organizationId, endpoint.id, endpoint.secret);
      const timestamp = Math.floor(this.deps.now().getTime() / 1000);
      // Pinned to the checked address (no DNS rebinding between check and connect); redirects are not followed.
      const answer = await sendOutbound(
        egressOf(this.deps),
        {
          method: 'POST',
          url: new URL(endpoint.url),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Plugboard-Webhooks/1',
            [SIGNATURE_HEADER]: signDelivery(secret, timestamp, event.body),
            'Plugboard-Event-Id': event.id,
          },
          body: Buffer.from(event.body, 'utf8'),
        },
        { timeoutMs, maxBytes: 64 * 1024, maxRedirects: 0 },
      );
      status = answer.status;
      if (status < 200 || status >= 300) error = `The endpoint answered ${status}`;
    } catch (cause) {
      error = describeFailure(cause, timeoutMs);
      failure = cause;
    }
    // The endpoint's path can carry the vendor's own secret (many webhook URLs do): only its host is logged.
    recordCall(
      this.deps,
      {
        kind: 'delivery',
        organizationId: endpoint.organizationId,
        operation: delivery.type,
        method: 'POST',
        url: endpoint.url,
      },
      {
        status,
        durationMs: performance.now() - started,
        ...(failure ? { errorCode: deliveryErrorCode(failure) } : {}),
      },
    );
    const attempts = delivery.attempts + 1;
    const at = this.deps.now();
    const next: DeliveryRecord = { ...delivery, attempts, lastStatus: status, lastError: error };
    if (error === null)
      Object.assign(next, { status: 'delivered', nextAttemptAt: null, deliveredAt: at.toISOString() });
    else if (attempts >= this.policy.maxAttempts) Object.assign(next, { status: 'failed', nextAttemptAt: null });
    else next.nextAttemptAt = new Date(at.getTime() + backoffMs(this.policy, attempts)).toISOString();
    await store.updateDelivery(next);
    logger.info({ event: 'delivery.attempt', deliveryId: delivery.id, attempts, status: next.status, http: status });
  }
}

/** The code a failed send is logged with. */
function deliveryErrorCode(cause: unknown): string {
  if (EgressBlockedError.is(cause)) return ErrorCode.EgressBlocked;
  if (OutboundError.is(cause) && cause.failure === 'timeout') return ErrorCode.UpstreamTimeout;
  if (OutboundError.is(cause) && cause.failure === 'too_large') return ErrorCode.UpstreamTooLarge;
  return ErrorCode.ProviderError;
}

/** A message about a failed send that names the kind of failure, never the URL's query or any secret. */
function describeFailure(cause: unknown, timeoutMs: number): string {
  if (EgressBlockedError.is(cause)) return `Refused by the egress policy: ${cause.reason}`;
  if (OutboundError.is(cause)) {
    if (cause.failure === 'timeout') return `No answer within ${timeoutMs} ms`;
    if (cause.failure === 'too_many_redirects') return 'The endpoint redirected; deliveries do not follow redirects';
    if (cause.failure === 'too_large') return 'The endpoint answered with more than 64 KB';
  }
  return 'The endpoint could not be reached';
}
