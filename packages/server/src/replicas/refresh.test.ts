// Three `serve` replicas share one refresh lock per connection: a token due for refresh is refreshed once at the
// provider, whether 200 callers spread over the replicas need it or their background refreshers all find it due.
import { afterEach, describe, expect, it } from 'vitest';
import { createReplicaWorld, REPLICA_ORIGIN, type ReplicaWorld } from '../test/replica-world.js';
import { startTokenEndpoint, type TokenEndpoint, tokenEndpointMethod } from '../test/token-endpoint.js';
import { waitFor } from '../test/vendor-endpoint.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Replicas that may use the loopback token endpoint, all with one public URL as behind a load balancer. */
async function worldFor(provider: TokenEndpoint, extra: Record<string, string> = {}) {
  const world = await createReplicaWorld({
    PLUGBOARD_EGRESS_ALLOW_HOSTS: provider.host,
    PLUGBOARD_ALLOW_INSECURE_OAUTH: '1',
    PLUGBOARD_PUBLIC_URL: 'http://localhost',
    ...extra,
  });
  cleanups.push(world.close);
  await world.start(3);
  return world;
}

/** An OAuth connector and `count` connections made through full sign-ins (each callback on another replica). */
async function connect(world: ReplicaWorld, provider: TokenEndpoint, count: number) {
  const [first] = world.replicas;
  const { secretKey: key } = await world.createOrganization();
  const connector = await world.request(first, 'POST', '/v1/connectors', {
    key,
    body: { name: 'Acme CRM', authMethods: [tokenEndpointMethod(provider.url)] },
  });
  expect(connector.status).toBe(201);
  const token = await world.mintSession(first, key);
  const headers = { origin: REPLICA_ORIGIN };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const replica = world.replicas[i % world.replicas.length];
    const flow = await world.request(replica, 'POST', '/v1/session/oauth/flows', {
      key: token,
      headers,
      body: { connector: 'acme-crm', returnOrigin: REPLICA_ORIGIN },
    });
    expect(flow.status).toBe(201);
    const state = new URL(flow.json.authorizationUrl).searchParams.get('state') ?? '';
    const callback = await fetch(`${replica?.url}/v1/oauth/callback?code=code-${i}&state=${state}`);
    expect(callback.status).toBe(200);
    const done = await world.request(replica, 'GET', `/v1/session/oauth/flows/${flow.json.id}`, {
      key: token,
      headers,
    });
    ids.push(done.json.connection.id);
  }
  return { key, ids };
}

describe('token refresh on three replicas', () => {
  it('makes one refresh grant for 200 concurrent uses of an expired token spread over the replicas, and all get the new token', async () => {
    const provider = await startTokenEndpoint();
    cleanups.push(provider.close);
    const world = await worldFor(provider);
    const {
      key,
      ids: [connectionId],
    } = await connect(world, provider, 1);

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        world.request(world.replicas[i % 3], 'GET', `/v1/connections/${connectionId}/credentials`, { key }),
      ),
    );

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.json.credentials.accessToken))).toEqual(
      new Set(provider.refreshedAccessTokens),
    );
    expect(provider.refreshedAccessTokens).toHaveLength(1);
    expect(provider.refused).toBe(0);
  }, 60_000);

  it('refreshes each due connection once in the background, though every replica finds all of them due', async () => {
    const provider = await startTokenEndpoint();
    cleanups.push(provider.close);
    // The background refresher starts only once every connection is there, so that they are all due together.
    const world = await worldFor(provider, { PLUGBOARD_REFRESH_INTERVAL_MS: '0' });
    const { key, ids } = await connect(world, provider, 6);
    await world.drain();
    world.replicas.splice(0);
    await world.start(3, { PLUGBOARD_REFRESH_INTERVAL_MS: '10' });

    await waitFor(() => provider.refreshedAccessTokens.length >= ids.length, 20_000);
    await world.drain();

    expect([...provider.refreshGrants.values()]).toEqual(ids.map(() => 1));
    expect(provider.refused).toBe(0);
    expect(provider.refreshedAccessTokens).toHaveLength(ids.length);
    // They stay refreshed: using them now refreshes nothing.
    const [replica] = await world.start(1);
    for (const id of ids) {
      const answer = await world.request(replica, 'GET', `/v1/connections/${id}/credentials`, { key });
      expect(provider.refreshedAccessTokens).toContain(answer.json.credentials.accessToken);
    }
    expect(provider.refreshedAccessTokens).toHaveLength(ids.length);
  }, 60_000);
});
