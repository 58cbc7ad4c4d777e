// Three `serve` replicas share every budget: calls spread over them get what one process would allow, not three
// times as much (the token buckets live in the database).
import { afterEach, describe, expect, it } from 'vitest';
import { startJsonApi } from '../test/json-api.js';
import { createReplicaWorld, type ReplicaAnswer, type ReplicaWorld } from '../test/replica-world.js';

/** Each budget's burst; none refills within a test (one token a minute). */
const BURST = 5;
const ATTEMPTS = 15;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

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
    const api = await startJsonApi(() => ({ ok: true }));
    cleanups.push(api.close);
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
    const connectionId = await world.connectApiKey(first, await world.mintSession(first, key), 'acme-crm', 'acme-key');

    const calls = await spread(world, (replica) =>
      world.request(replica, 'POST', '/v1/actions/run', {
        key,
        body: { connectionId, action: 'ping' },
      }),
    );
    expect(statuses(calls)).toEqual([...Array(BURST).fill(200), ...Array(ATTEMPTS - BURST).fill(429)]);
    expect(limited(calls).map((answer) => answer.json.error.code)).toEqual(
      Array(ATTEMPTS - BURST).fill('rate_limited'),
    );
    expect(api.calls()).toBe(BURST);

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
