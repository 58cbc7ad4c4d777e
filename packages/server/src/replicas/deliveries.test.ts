// Three `serve` replicas share one outbox: each delivery is sent by one of them, and what a replica killed with
// SIGKILL had claimed is sent by another once its lease lapses.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { type CountingReceiver, startCountingReceiver } from '../test/counting-receiver.js';
import { createReplicaWorld, type ReplicaWorld } from '../test/replica-world.js';
import { waitFor } from '../test/vendor-endpoint.js';

const DELIVERIES = 500;
/** What one replica claims in a round (the delivery worker's batch). */
const BATCH = 20;

let world: ReplicaWorld;
let receiver: CountingReceiver;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await world.close();
  await receiver.close();
});

/**
 * Writes `count` events with one pending delivery each to `endpointId`, as emitting them would, in one
 * transaction: every replica's first round finds a full batch.
 */
async function seedOutbox(outbox: Store, organizationId: string, endpointId: string, count: number) {
  const createdAt = new Date().toISOString();
  const ids: string[] = [];
  await outbox.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const id = `evt_seed${String(i).padStart(4, '0')}`;
      ids.push(id);
      const body = JSON.stringify({ id, type: 'test.seeded', createdAt, data: { n: i } });
      await tx.createEvent({ id, organizationId, type: 'test.seeded', body, createdAt }, [
        {
          ...{ id: `dlv_seed${String(i).padStart(4, '0')}`, organizationId, endpointId, eventId: id },
          ...{ type: 'test.seeded', status: 'pending', attempts: 0, lastStatus: null, lastError: null },
          ...{ nextAttemptAt: createdAt, createdAt, deliveredAt: null },
        },
      ]);
    }
  });
  return ids;
}

describe('deliveries on three replicas', () => {
  it('sends every one of 500 deliveries, one replica killed mid-run: each is accepted once, and only what the killed one had in flight arrives twice', async () => {
    receiver = await startCountingReceiver();
    world = await createReplicaWorld({
      PLUGBOARD_EGRESS_ALLOW_HOSTS: receiver.host,
      PLUGBOARD_DELIVERY_INTERVAL_MS: '20',
      PLUGBOARD_WORKER_LEASE_SECONDS: '6',
    });
    const replicas = await world.start(3);
    const { secretKey: key, id: organizationId } = await world.createOrganization();
    const endpoint = await world.request(replicas[0], 'POST', '/v1/webhook-endpoints', {
      key,
      body: { url: receiver.url, events: ['test.seeded'] },
    });
    expect(endpoint.status).toBe(201);

    // Every replica's first batch stays on the wire until one of them has died.
    receiver.hold();
    store = await openStore(world.database.url);
    const ids = await seedOutbox(store, organizationId, endpoint.json.id, DELIVERIES);
    await waitFor(() => receiver.held() === 3 * BATCH);
    await replicas[0]?.stop('SIGKILL');
    await waitFor(() => receiver.abandoned.length === BATCH);
    receiver.release();

    await waitFor(() => ids.every((id) => receiver.accepted.has(id)), 45_000);
    await world.drain();

    expect(ids.filter((id) => receiver.accepted.get(id) !== 1)).toEqual([]);
    expect(receiver.accepted.size).toBe(DELIVERIES);
    // The killed replica's sends that never got their answer went again, with the same event id; nothing else did.
    const twice = ids.filter((id) => (receiver.arrivals.get(id) ?? 0) > 1);
    expect(new Set(receiver.abandoned)).toEqual(new Set(twice));
    expect(twice.length).toBeLessThanOrEqual(BATCH);
    const pending = await store.listDeliveries({ organizationId, status: 'pending', limit: 10 });
    expect(pending).toEqual([]);
  }, 90_000);
});
