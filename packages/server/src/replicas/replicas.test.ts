// Three `plugboard serve` processes on one database, as replicas behind a load balancer run
// (Postgres in the server-pg project, one SQLite file in the server project).
import { afterEach, describe, expect, it } from 'vitest';
import { createReplicaWorld, type ReplicaWorld } from '../test/replica-world.js';

let world: ReplicaWorld;
afterEach(() => world.close());

describe('three replicas on one database', () => {
  it('start together on an empty database (their migrations race, as in a rolling deploy) and serve one organization', async () => {
    // No master key: the replicas race to generate the development key into their shared folder, and agree on one.
    world = await createReplicaWorld({ PLUGBOARD_MASTER_KEY: '' });
    const replicas = await world.start(3);
    for (const replica of replicas) expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);

    const { secretKey: key } = await world.createOrganization();
    const names = await Promise.all(
      replicas.map(async (replica) => (await world.request(replica, 'GET', '/v1/organization', { key })).json.name),
    );
    expect(names).toEqual(['Acme', 'Acme', 'Acme']);
  });
});
