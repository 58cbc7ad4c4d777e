import type { EventDefinition } from '@plugboard/shared';
import type { ConnectionRecord, ConnectorRecord } from '../storage/store.js';
import { runAction } from './actions.js';
import type { ServiceDeps } from './deps.js';
import { emitEvent } from './events.js';
import { RoundWorker } from './round-worker.js';
import type { TokenRefresher } from './token-refresh.js';

type Polling = Extract<EventDefinition['delivery'], { kind: 'polling' }>;

/** How many item ids a connection remembers per polled event. */
const SEEN_LIMIT = 1000;

/** The value at a dotted path (`data.items`); the value itself for an empty path. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((current, key) => {
      return current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }, value);
}

/**
 * Runs polling events: for each active connection of a connector with `delivery.kind: 'polling'` events, when
 * due, runs the named action, reads the items at `itemsPath`, and emits `<slug>.<key>` once per item whose
 * `idField` it has not seen. The first run only records what is there, so connecting does not replay history.
 */
export class PollingWorker extends RoundWorker<void> {
  /**
   * @param leaseMs the shortest claim on a poll, for events polled more often than a poll may take; a claim
   * lasts the event's interval otherwise
   */
  constructor(
    private readonly deps: ServiceDeps,
    private readonly refresher: TokenRefresher,
    private readonly leaseMs?: number,
  ) {
    super();
  }

  protected override async round(): Promise<void> {
    for (const { connectorId, events } of await this.deps.store.listConnectorsWithEvents()) {
      const polled = events.filter((event) => event.delivery.kind === 'polling');
      const connector = polled.length > 0 ? await this.deps.store.getConnector(connectorId) : undefined;
      if (!connector) continue;
      let cursor: string | undefined;
      for (;;) {
        const page = await this.deps.store.listActiveConnectionsOf(connectorId, { limit: 100, cursor });
        for (const connection of page) {
          for (const event of polled) await this.#poll(connector, connection, event);
        }
        if (page.length < 100) break;
        cursor = page.at(-1)?.id;
      }
    }
  }

  async #poll(connector: ConnectorRecord, connection: ConnectionRecord, event: EventDefinition): Promise<void> {
    const delivery = event.delivery as Polling;
    const now = this.deps.now();
    const intervalMs = delivery.intervalSeconds * 1000;
    // Claimed before the call, so that one process polls each due event and a slow or failing API is not polled
    // again before the interval; a claim held by a process that died lapses after the lease.
    const claimUntil = new Date(now.getTime() + Math.max(intervalMs, this.leaseMs ?? 0)).toISOString();
    const claim = await this.deps.store.claimPoll(connection.id, event.key, now.toISOString(), claimUntil);
    if (!claim) return;
    const key = { connectionId: connection.id, eventKey: event.key };
    try {
      const result = await runAction(this.deps, this.refresher, connection.organizationId, {
        connectionId: connection.id,
        action: delivery.action,
      });
      if (result.status < 200 || result.status >= 300) throw new Error(`The action answered ${result.status}`);
      const items = at(result.body, delivery.itemsPath);
      if (!Array.isArray(items)) throw new Error(`No array at ${delivery.itemsPath || 'the top of the body'}`);
      const seen = new Set(claim.seenIds);
      const fresh = items.filter((item) => {
        const id = at(item, delivery.idField);
        return (typeof id === 'string' || typeof id === 'number') && !seen.has(String(id));
      });
      const ids = [...fresh.map((item) => String(at(item, delivery.idField))), ...claim.seenIds].slice(0, SEEN_LIMIT);
      const nextRunAt = new Date(now.getTime() + intervalMs).toISOString();
      // The new items' events and the ids that mark them seen are written together, and only while the claim
      // holds: a poll that outlived its lease (another process polls now) emits nothing.
      await this.deps.store.transaction(async (store) => {
        if (!(await store.finishPoll({ ...key, seenIds: ids, nextRunAt }, claimUntil))) throw new ClaimLapsed();
        if (claim.firstRun) return;
        for (const item of fresh) {
          await emitEvent({ ...this.deps, store }, connection.organizationId, `${connector.slug}.${event.key}`, {
            connection: { id: connection.id, tenantId: connection.tenantId, connectorId: connector.id },
            payload: item,
          });
        }
      });
    } catch (error) {
      this.deps.logger.warn({ event: 'polling.failed', ...key, name: (error as Error).name });
    }
  }
}

/** The poll's claim lapsed before it finished, and another process may be polling; this one writes nothing. */
class ClaimLapsed extends Error {
  override name = 'ClaimLapsed' as const;
}
