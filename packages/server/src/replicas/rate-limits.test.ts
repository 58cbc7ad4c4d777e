// Three `serve` replicas share every budget: calls spread over them get what one process would allow, not three
// times as much (the token buckets live in the database).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplicaWorld, REPLICA_ORIGIN, type ReplicaAnswer, type ReplicaWorld } from '../test/replica-world.js';

/** Each budget's burst; none refills within a test (one token a minute). */
const BURST = 5;
const ATTEMPTS = 15;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A third-party API on loopback that counts the calls it gets. */
async function startCountingApi() {
  const state = { calls: 0 };
  const server = createServer((_request, response) => {
    state.calls++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { state, url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` };
}

/** `ATTEMPTS` concurrent requests, spread over the replicas in turn. */
function spread(
  world: ReplicaWorld,
  send: (replica: ReplicaWorld['replicas'][number] | undefined, i: number) => Promise<ReplicaAnswer>,
) {
  return Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => send(world.replicas[i % world.replicas.length], i)));
}

const statuses = (answers: ReplicaAnswer[]) => answers.map((answer) => answer.status).sort();
const limited = (answers: ReplicaAnswer[]) => answers.filter((answer) => answer.status === 429);

describe('budgets on three replicas', () => {
  it('hold one tenant call budget, one sign-in budget per client and one session budget per organization across the replicas', async () => {
    const api = await startCountingApi();
    const world = await createReplicaWorld({
      PLUGBOARD_EGRESS_ALLOW_HOSTS: api.host,
      PLUGBOARD_RATE_LIMIT_TENANT_CALLS: `${BURST},1`,
      PLUGBOARD_RATE_LIMIT_SIGN_IN: `${BURST},1`,
      PLUGBOARD_RATE_LIMIT_SESSIONS: `${BURST},1`,
    });
    cleanups.push(world.close);
    await world.start(3);
    const [first] = world.replicas;
    const { secretKey: key } = await world.createOrganization();
    await world.request(first, 'POST', '/v1/connectors', {
      key,
      body: {
        name: 'Acme CRM',
        authMethods: [{ kind: 'apiKey' }],
        apiBaseUrl: api.url,
        actions: [{ key: 'ping', name: 'Ping', method: 'GET', path: '/ping' }],
      },
    });
    // One session of the organization's budget goes to making the connection.
    const session = await world.request(first, 'POST', '/v1/connect-sessions', {
      key,
      body: { tenantId: 'tenant-a', endUserId: 'user-1' },
    });
    const connection = await world.request(first, 'POST', '/v1/session/connections', {
      key: session.json.token,
      headers: { origin: REPLICA_ORIGIN },
      body: { connector: 'acme-crm', credentials: { apiKey: 'acme-key' } },
    });
    expect(connection.status).toBe(201);

    const calls = await spread(world, (replica) =>
      world.request(replica, 'POST', '/v1/actions/run', {
        key,
        body: { connectionId: connection.json.id, action: 'ping' },
      }),
    );
    expect(statuses(calls)).toEqual([...Array(BURST).fill(200), ...Array(ATTEMPTS - BURST).fill(429)]);
    expect(limited(calls).map((answer) => answer.json.error.code)).toEqual(
      Array(ATTEMPTS - BURST).fill('rate_limited'),
    );
    expect(api.state.calls).toBe(BURST);

    // Each attempt names another email, so only the per-client budget counts them.
    const signIns = await spread(world, (replica, i) =>
      world.request(replica, 'POST', '/v1/console/sign-in', {
        body: { email: `nobody-${i}@vendor.example`, password: 'not-the-password' },
      }),
    );
    expect(limited(signIns)).toHaveLength(ATTEMPTS - BURST);
    expect(signIns.filter((answer) => answer.status === 401)).toHaveLength(BURST);

    const sessions = await spread(world, (replica) =>
      world.request(replica, 'POST', '/v1/connect-sessions', { key, body: { tenantId: 't', endUserId: 'u' } }),
    );
    expect(statuses(sessions)).toEqual([...Array(BURST - 1).fill(201), ...Array(ATTEMPTS - BURST + 1).fill(429)]);
  }, 60_000);
});
