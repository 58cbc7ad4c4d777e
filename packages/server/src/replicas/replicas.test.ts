// Three `plugboard serve` processes on one database, as replicas behind a load balancer run
// (Postgres in the server-pg project, one SQLite file in the server project).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { type ServeReplica, startReplicas } from '../test/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';

let dir: string;
let database: TestDatabase;
let env: Record<string, string>;
let replicas: ServeReplica[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-replicas-'));
  database = await createTestDatabase();
  // One data folder holds the master key all replicas share, as one secret mounted into each would.
  env = { PATH: process.env.PATH ?? '', HOME: dir, PLUGBOARD_DATA_DIR: dir, PLUGBOARD_DATABASE_URL: database.url };
});
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  replicas = [];
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('three replicas on one database', () => {
  it('start together on an empty database (their migrations race, as in a rolling deploy) and serve one organization', async () => {
    replicas = await startReplicas(3, env);
    for (const replica of replicas) expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);

    const out: string[] = [];
    expect(await run(['org', 'create', '--name', 'Acme'], env, { out: (text) => out.push(text), err: () => {} })).toBe(
      0,
    );
    const { secretKey } = JSON.parse(out.join('\n'));
    const names = await Promise.all(
      replicas.map(async (replica) => {
        const response = await fetch(`${replica.url}/v1/organization`, {
          headers: { authorization: `Bearer ${secretKey}` },
        });
        return ((await response.json()) as { name: string }).name;
      }),
    );
    expect(names).toEqual(['Acme', 'Acme', 'Acme']);
  });
});
