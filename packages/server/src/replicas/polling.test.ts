// Three `serve` replicas poll the same connections: each due poll is claimed by one of them, so each new item
// becomes one event.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { type CountingReceiver, startCountingReceiver } from '../test/counting-receiver.js';
import { createReplicaWorld, REPLICA_ORIGIN, type ReplicaWorld } from '../test/replica-world.js';
import { waitFor } from '../test/vendor-endpoint.js';

const CONNECTIONS = 8;
const ROUNDS = 3;
const EVENT = 'contact.created';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A third-party API on loopback whose contact list the test grows. */
async function startContactsApi() {
  const state = { contacts: [{ id: 'c_0' }], calls: 0 };
  const server = createServer((_request, response) => {
    state.calls++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { items: state.contacts } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { state, url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` };
}

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
  const session = await world.request(first, 'POST', '/v1/connect-sessions', {
    key,
    body: { tenantId: 'tenant-a', endUserId: 'user-1' },
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await world.request(world.replicas[i % world.replicas.length], 'POST', '/v1/session/connections', {
      key: session.json.token,
      headers: { origin: REPLICA_ORIGIN },
      body: { connector: 'acme-crm', credentials: { apiKey: `key-${i}` } },
    });
    expect(created.status).toBe(201);
    ids.push(created.json.id);
  }
  return ids;
}

describe('polling on three replicas', () => {
  it('emits each new item of each connection exactly once, however many replicas find the poll due', async () => {
    const api = await startContactsApi();
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
      api.state.contacts = [{ id: `c_${round}` }, ...api.state.contacts];
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
    expect(api.state.calls).toBe(CONNECTIONS * (ROUNDS + 1));
  }, 90_000);
});
