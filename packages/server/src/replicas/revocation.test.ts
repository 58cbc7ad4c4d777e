// Revocation across three `plugboard serve` processes on one database (Postgres in the server-pg project, one
// SQLite file in the server project): each replica may keep a resolved secret key for a while, never longer
// than the security goal allows.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServeReplica } from '../test/cli-process.js';
import { createReplicaWorld, type ReplicaWorld } from '../test/replica-world.js';

let world: ReplicaWorld;
afterEach(() => world.close());

/** How soon every replica must refuse a revoked key (security checklist, item 32). */
const REVOCATION_BOUND_MS = 1000;

/** How often a replica is asked again while the test waits for it to refuse the key. */
const POLL_MS = 25;

/**
 * Asks `replica` with `key` until it answers 401, and resolves with when the first refused request was sent
 * (`performance.now()`): a request sent later than that would have been refused too.
 */
async function firstRefusal(replica: ServeReplica, key: string, giveUpMs: number): Promise<number> {
  const until = performance.now() + giveUpMs;
  for (;;) {
    const sent = performance.now();
    const { status } = await world.request(replica, 'GET', '/v1/organization', { key });
    if (status === 401) return sent;
    expect(status).toBe(200);
    if (sent > until) throw new Error(`${replica.url} still accepts the revoked key`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('revocation on three replicas', () => {
  it('a secret key revoked on one replica is refused by it at once and by the others within a second', async () => {
    world = await createReplicaWorld();
    const replicas = await world.start(3);
    const [first] = replicas;
    const { secretKey } = await world.createOrganization();
    const created = await world.request(first, 'POST', '/v1/api-keys', { key: secretKey, body: { name: 'CI' } });
    expect(created.status).toBe(201);
    const doomed: string = created.json.secret;
    // Every replica resolves the key, and so keeps it.
    for (const replica of replicas) {
      expect((await world.request(replica, 'GET', '/v1/organization', { key: doomed })).status).toBe(200);
    }

    const revoke = await world.request(first, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: secretKey });
    expect(revoke.status).toBe(204);
    const revokedAt = performance.now();

    expect((await world.request(first, 'GET', '/v1/organization', { key: doomed })).status).toBe(401);
    const refusals = await Promise.all(
      replicas.slice(1).map((replica) => firstRefusal(replica, doomed, 10 * REVOCATION_BOUND_MS)),
    );
    for (const refusedAt of refusals) expect(refusedAt - revokedAt).toBeLessThanOrEqual(REVOCATION_BOUND_MS + POLL_MS);
    // The organization's other key still works everywhere.
    for (const replica of replicas) {
      expect((await world.request(replica, 'GET', '/v1/organization', { key: secretKey })).status).toBe(200);
    }
  });
});
