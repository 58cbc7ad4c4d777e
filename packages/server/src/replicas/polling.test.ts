// Three `serve` replicas poll the same connections: each due poll is claimed by one of them, so each new item
// becomes one event.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { type CountingReceiver, startCountingReceiver } from '../test/counting-receiver.js';
import { startJsonApi } from '../test/json-api.js';
import { createReplicaWorld, type ReplicaWorld } from '../test/replica-world.js';
import { waitFor } from '../test/vendor-endpoint.js';

const CONNECTIONS = 8;
const ROUNDS = 3;
const EVENT = 'contact.created';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A polled connector, a webhook endpoint for its events and `count` connections of it, made through replicas. */
async function setUp(world: ReplicaWorld, apiUrl: string, receiver: CountingReceiver, count: number) {
  const [first, second] = world.replicas;
  const { secretKey: key } = await world.createOrganization();
  const connector = await world.request(first, 'POST', '/v1/connectors', {
    key,
    body: {
      name: 'Acme CRM',
      authMethods: [{ kind: 'apiKey' }],
      apiBaseUrl: apiUrl,
      actions: [{ key: 'list-contacts', name: 'List contacts', method: 'GET', path: '/contacts' }],
      events: [
        {
          key: EVENT,
          name: 'Contact created',
          delivery: {
            kind: 'polling',
            action: 'list-contacts',
            intervalSeconds: 60,
            itemsPath: 'data.items',
            idField: 'id',
          },
        },
      ],
    },
  });
  expect(connector.status).toBe(201);
  const endpoint = await world.request(second, 'POST', '/v1/webhook-endpoints', {
    key,
    body: { url: receiver.url, events: [`acme-crm.${EVENT}`] },
  });
  expect(endpoint.status).toBe(201);
  const token = await world.mintSession(first, key);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await world.connectApiKey(world.replicas[i % world.replicas.length], token, 'acme-crm', `key-${i}`));
  }
  return ids;
}

describe('polling on three replicas', () => {
  it('emits each new item of each connection exactly once, however many replicas find the poll due', async () => {
    const contacts = [{ id: 'c_0' }];
    const api = await startJsonApi(() => ({ data: { items: contacts } }));
    cleanups.push(api.close);
    const receiver = await startCountingReceiver();
    cleanups.push(receiver.close);
    const world = await createReplicaWorld({
      PLUGBOARD_EGRESS_ALLOW_HOSTS: `${api.host},${receiver.host}`,
      PLUGBOARD_POLLING_INTERVAL_MS: '10',
      PLUGBOARD_DELIVERY_INTERVAL_MS: '20',
    });
    cleanups.push(world.close);
    await world.start(3);
    const connections = await setUp(world, api.url, receiver, CONNECTIONS);
    const store: Store = await openStore(world.database.url);
    cleanups.push(() => store.close());
    const states = () => Promise.all(connections.map((id) => store.getPollingState(id, EVENT)));
    const allHaveSeen = async (item: string) => (await states()).every((state) => state?.seenIds.includes(item));

    // The first run of each connection only records what is there.
    await waitFor(() => allHaveSeen('c_0'), 20_000);
    for (let round = 1; round <= ROUNDS; round++) {
      contacts.unshift({ id: `c_${round}` });
      // Each event's interval is a minute; the test makes every poll due at once instead of waiting for it, so that
      // all three replicas find it due in their next round.
      for (const state of await states())
        if (state) await store.putPollingState({ ...state, nextRunAt: new Date(0).toISOString() });
      await waitFor(() => allHaveSeen(`c_${round}`), 20_000);
    }
    await waitFor(() => receiver.accepted.size >= CONNECTIONS * ROUNDS, 20_000);
    await world.drain();

    const emitted = (receiver.bodies as Array<{ data: { connection: { id: string }; payload: { id: string } } }>).map(
      ({ data }) => `${data.connection.id}/${data.payload.id}`,
    );
    const expected = connections.flatMap((id) => Array.from({ length: ROUNDS }, (_, i) => `${id}/c_${i + 1}`));
    expect(emitted.sort()).toEqual(expected.sort());
    expect(api.calls()).toBe(CONNECTIONS * (ROUNDS + 1));
  }, 90_000);
});
