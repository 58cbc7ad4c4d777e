// Several `plugboard serve` processes on one database (Postgres in the server-pg project, one SQLite file in the
// server project), as replicas behind a load balancer run, with what the replica tests do to them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../cli/run.js';
import { type ServeReplica, startReplicas } from './cli-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A JSON answer of one replica. */
export interface ReplicaAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field
  json: any;
}

/** One test's replicas, database and data folder; {@link ReplicaWorld.close} removes them all. */
export interface ReplicaWorld {
  database: TestDatabase;
  /** The environment every replica and CLI command of the test runs with. */
  env: Record<string, string>;
  replicas: ServeReplica[];
  /** Starts `count` more `serve` processes with the world's environment plus `extra`. */
  start(count: number, extra?: Record<string, string>): Promise<ServeReplica[]>;
  /** Runs a `plugboard` command in this process on the world's database; resolves with its JSON output. */
  cli(args: string[], extra?: Record<string, string>): Promise<Record<string, unknown>>;
  /** Creates an organization whose sessions may come from `origin`; resolves with its secret key and id. */
  createOrganization(origin?: string): Promise<{ secretKey: string; id: string }>;
  /** A JSON request to one replica. */
  request(
    replica: ServeReplica | undefined,
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ReplicaAnswer>;
  /** Mints a connect session of tenant `tenant-a` through a replica; resolves with its token. */
  mintSession(replica: ServeReplica | undefined, key: string): Promise<string>;
  /** Connects an API-key connector as the widget does, through `replica`; resolves with the connection id. */
  connectApiKey(
    replica: ServeReplica | undefined,
    sessionToken: string,
    connector: string,
    apiKey: string,
  ): Promise<string>;
  /** Stops every replica gracefully (SIGTERM: rounds in progress end first) and waits for them to exit. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The origin the world's organizations allow sessions from. */
export const REPLICA_ORIGIN = 'https://app.vendor.example';

/**
 * A fresh database and data folder for replicas, and one master key given to each in `PLUGBOARD_MASTER_KEY`, as
 * production replicas get it from one secret (`PLUGBOARD_MASTER_KEY: ''` in `extraEnv` leaves them to generate the
 * development key into the shared folder instead).
 */
export async function createReplicaWorld(extraEnv: Record<string, string> = {}): Promise<ReplicaWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'plugboard-replicas-'));
  const database = await createTestDatabase();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    PLUGBOARD_DATA_DIR: dir,
    PLUGBOARD_DATABASE_URL: database.url,
    PLUGBOARD_MASTER_KEY: randomBytes(32).toString('base64'),
    ...extraEnv,
  };
  const replicas: ServeReplica[] = [];
  const world: ReplicaWorld = {
    database,
    env,
    replicas,
    async start(count, extra = {}) {
      const started = await startReplicas(count, { ...env, ...extra });
      replicas.push(...started);
      return started;
    },
    async cli(args, extra = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await run(args, { ...env, ...extra }, { out: (text) => out.push(text), err: (t) => err.push(t) });
      if (code !== 0) throw new Error(`plugboard ${args.join(' ')} failed: ${err.join('\n')}`);
      return JSON.parse(out.join('\n'));
    },
    async createOrganization(origin = REPLICA_ORIGIN) {
      const created = await world.cli(['org', 'create', '--name', 'Acme', '--origin', origin]);
      const organization = created.organization as { id: string };
      return { secretKey: created.secretKey as string, id: organization.id };
    },
    async request(replica, method, path, options = {}) {
      if (!replica) throw new Error('No such replica');
      const headers: Record<string, string> = { ...options.headers };
      if (options.key) headers.authorization = `Bearer ${options.key}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${replica.url}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
    async mintSession(replica, key) {
      const session = await world.request(replica, 'POST', '/v1/connect-sessions', {
        key,
        body: { tenantId: 'tenant-a', endUserId: 'user-1' },
      });
      if (session.status !== 201) throw new Error(`Session not minted: ${JSON.stringify(session.json)}`);
      return session.json.token;
    },
    async connectApiKey(replica, sessionToken, connector, apiKey) {
      const created = await world.request(replica, 'POST', '/v1/session/connections', {
        key: sessionToken,
        headers: { origin: REPLICA_ORIGIN },
        body: { connector, credentials: { apiKey } },
      });
      if (created.status !== 201) throw new Error(`Not connected: ${JSON.stringify(created.json)}`);
      return created.json.id;
    },
    async drain() {
      await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    },
    async close() {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}
