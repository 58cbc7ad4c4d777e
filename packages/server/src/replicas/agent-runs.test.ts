// Connector agent runs on three `plugboard serve` processes sharing one database (Postgres in the server-pg
// project, one SQLite file in the server project): a run executes on the replica that started it, and is
// followed, resumed, cancelled and, when its owner dies, failed from the others.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { eventReader, petSpec, startLoopbackApi } from '../test/agent-fixtures.js';
import { type ServeReplica, startReplicas } from '../test/cli-process.js';
import { createLatch, type Latch } from '../test/latch.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { waitFor } from '../test/vendor-endpoint.js';

// Short, so a dead owner's run is failed within the test; the owner renews every third of it.
const LEASE_SECONDS = 2;

let dir: string;
let database: TestDatabase;
let env: Record<string, string>;
let replicas: ServeReplica[] = [];
let api: Awaited<ReturnType<typeof startLoopbackApi>>;
let store: Store;
/** Opens when the run's spec request reaches the API, which answers it only once `release` opens. */
let entered: Latch;
let release: Latch;
/** Whether the held spec request is still waiting for its answer (its client has not given up on it). */
let held: { open: boolean };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-agent-replicas-'));
  database = await createTestDatabase();
  api = await startLoopbackApi();
  entered = createLatch();
  release = createLatch();
  // A spec that takes as long as the test wants: the run stays at its discover step, on the replica that runs it.
  held = { open: false };
  api.routes.set('/held/openapi.json', (_req, res) => {
    held.open = true;
    res.once('close', () => {
      held.open = false;
    });
    entered.open();
    void release.opened.then(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(petSpec([`${api.url}/v1`])));
    });
  });
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    PLUGBOARD_DATA_DIR: dir,
    PLUGBOARD_DATABASE_URL: database.url,
    PLUGBOARD_MASTER_KEY: randomBytes(32).toString('base64'),
    PLUGBOARD_EGRESS_ALLOW_HOSTS: api.host,
    PLUGBOARD_AGENT_RUN_LEASE_SECONDS: String(LEASE_SECONDS),
  };
  store = await openStore(database.url);
});
afterEach(async () => {
  release.open();
  await Promise.all(replicas.map((replica) => replica.stop()));
  replicas = [];
  await store.close();
  await api.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers checked by the assertions
type Json = any;

async function organizationKey(): Promise<string> {
  const out: string[] = [];
  expect(await run(['org', 'create', '--name', 'Acme'], env, { out: (text) => out.push(text), err: () => {} })).toBe(0);
  return JSON.parse(out.join('\n')).secretKey;
}

async function call(replica: ServeReplica, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${replica.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

/** Three replicas, an organization, and a run started on the first, held at its discover step. */
async function heldRun() {
  replicas = await startReplicas(3, env);
  const key = await organizationKey();
  const [a] = replicas as [ServeReplica];
  const started = await call(a, key, 'POST', '/v1/agent/runs', {
    prompt: 'Pets',
    specUrl: `${api.url}/held/openapi.json`,
  });
  expect(started.status, JSON.stringify(started.json)).toBe(201);
  await entered.opened;
  return { key, id: started.json.id as string };
}

const follow = (replica: ServeReplica, key: string, id: string, lastEventId?: string) =>
  fetch(`${replica.url}/v1/agent/runs/${id}/events`, {
    headers: { authorization: `Bearer ${key}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });

describe('agent runs on three replicas', () => {
  it('streams a run executing on A to B in order, resumes on C with Last-Event-ID, and stops A on a cancel from C', async () => {
    const { key, id } = await heldRun();
    const [a, b, c] = replicas as [ServeReplica, ServeReplica, ServeReplica];
    const owner = (await store.getAgentRun(id))?.lease?.owner;
    expect(owner).toContain(`/${a.child.pid}/`);

    const onB = eventReader(await follow(b, key, id));
    expect(await onB.until((event) => event.event === 'log' && /Looking for a spec/.test(event.data.message))).toBe(
      true,
    );
    const onC = eventReader(await follow(c, key, id, '1'));
    expect(await onC.until((event) => event.event === 'run')).toBe(true);
    expect(onC.events.find((event) => event.event === 'log')?.data.seq).toBe(2);

    const cancelled = await call(c, key, 'POST', `/v1/agent/runs/${id}/cancel`);
    expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled']);
    // Both streams end with the cancel, every log entry once and in order.
    for (const stream of [onB, onC]) {
      expect(await stream.until()).toBe(false);
      const logs = stream.events.filter((event) => event.event === 'log');
      const first = logs[0]?.data.seq as number;
      expect(logs.map((event) => event.data.seq)).toEqual(logs.map((_, index) => first + index));
      expect(logs.at(-1)?.data.message).toBe('Cancelled');
      expect(stream.events.at(-1)).toMatchObject({ event: 'run', data: { status: 'cancelled' } });
    }
    expect(onB.events.find((event) => event.event === 'log')?.data.seq).toBe(1);
    // A notices at a heartbeat, while its spec request is still unanswered, and lets go of the run.
    await waitFor(async () => (await store.getAgentRun(id))?.lease === null, 15_000);
    expect(held.open).toBe(true);
    release.open();
    expect((await call(a, key, 'GET', `/v1/agent/runs/${id}`)).json.status).toBe('cancelled');
    expect((await call(a, key, 'POST', `/v1/agent/runs/${id}/cancel`)).status).toBe(409);
  });

  it('fails the run of a replica killed with SIGKILL as interrupted, once its lease has lapsed', async () => {
    const { key, id } = await heldRun();
    const [a, b] = replicas as [ServeReplica, ServeReplica];
    const onB = eventReader(await follow(b, key, id));
    expect(await onB.until((event) => event.event === 'run')).toBe(true);
    await a.stop('SIGKILL');
    // Nothing renews it now: this is when the run's owner stopped being trusted.
    const lease = (await store.getAgentRun(id))?.lease;
    expect(lease?.owner).toContain(`/${a.child.pid}/`);

    expect(await onB.until()).toBe(false);
    const failed = onB.events.at(-1)?.data;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(failed.updatedAt > (lease?.until ?? '')).toBe(true);
    expect(onB.events.filter((event) => event.event === 'log').at(-1)?.data).toMatchObject({ kind: 'failed' });
  });

  it('starts only the configured number of builds per organization when creates race on three replicas', async () => {
    replicas = await startReplicas(3, { ...env, PLUGBOARD_AGENT_MAX_BUILDS: '2' });
    const key = await organizationKey();
    const body = { prompt: 'Pets', specUrl: `${api.url}/held/openapi.json` };
    const started = await Promise.all(
      Array.from({ length: 9 }, (_, i) => call(replicas[i % 3] as ServeReplica, key, 'POST', '/v1/agent/runs', body)),
    );
    expect(started.map((answer) => answer.status).sort()).toEqual([201, 201, 429, 429, 429, 429, 429, 429, 429]);
    expect(started.find((answer) => answer.status === 429)?.json.error.code).toBe('rate_limited');
    const listed = await call(replicas[0] as ServeReplica, key, 'GET', '/v1/agent/runs?limit=50');
    expect(listed.json.data.map((r: Json) => r.status)).toEqual(['running', 'running']);
  });

  it('leaves the run A executes alone when another replica boots, and A carries it on to the review', async () => {
    const { key, id } = await heldRun();
    const [late] = await startReplicas(1, env);
    replicas.push(late as ServeReplica);
    // The new replica answers only after its boot sweep of runs whose owner died.
    const seen = await call(late as ServeReplica, key, 'GET', `/v1/agent/runs/${id}`);
    expect(seen.json).toMatchObject({ status: 'running', step: 'discover', error: null });
    release.open();
    const onLate = eventReader(await follow(late as ServeReplica, key, id));
    // A stream stays open at the review (the run goes on after it): read up to the pause.
    expect(await onLate.until((event) => event.event === 'run' && event.data.status === 'awaiting_review')).toBe(true);
    await onLate.cancel();
    const logs = onLate.events.filter((event) => event.event === 'log').map((event) => event.data.message);
    expect(logs, JSON.stringify(logs)).toContain(`Found an OpenAPI 3.0 spec at ${api.url}/held/openapi.json`);
    expect(logs.at(-1)).toBe('Waiting for your review');
  });
});
