// `plugboard serve` and `plugboard worker` as a user runs them: the built CLI in a child process, signals included.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCliProcess } from '../test/cli-process.js';
import { createLatch } from '../test/latch.js';
import { startVendorEndpoint, waitFor } from '../test/vendor-endpoint.js';
import { run } from './run.js';

const ORIGIN = 'https://app.vendor.example';

let dir: string;
let env: Record<string, string>;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-serve-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    PLUGBOARD_DATA_DIR: dir,
    PLUGBOARD_DATABASE_URL: `file:${join(dir, 'plugboard.db')}`,
  };
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** A CLI process in this test's folder, killed after the test if it still runs. */
function startCli(args: string[], extraEnv: Record<string, string> = {}) {
  const process = startCliProcess(args, { ...env, ...extraEnv });
  cleanups.push(() => process.stop());
  return process;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run(argv, env, { out: (text) => out.push(text), err: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n'));
}

/** Calls the API of a running server as a vendor's backend (and, with `origin`, a widget) does. */
async function call(url: string, path: string, key: string, body: unknown, origin?: string) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A third-party API whose `/api/slow` answers only once released; `entered` resolves when a call arrives. */
async function startSlowApi() {
  const entered = createLatch();
  const released = createLatch();
  const server = createServer((_request, response) => {
    entered.open();
    void released.opened.then(() =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"slow":true}'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    released.open();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { host: `127.0.0.1:${port}`, entered: entered.opened, release: released.open };
}

describe('plugboard serve, shutting down', () => {
  it('finishes a request in flight on SIGTERM, stops accepting, and exits 0', async () => {
    const api = await startSlowApi();
    const { secretKey } = await cli('org', 'create', '--name', 'Acme', '--origin', ORIGIN);
    const serve = startCli(['serve'], { PLUGBOARD_EGRESS_ALLOW_HOSTS: api.host });
    const url = (await serve.stderrMatching(/listening on (http:\/\/\S+)/))[1] as string;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const connector = {
      name: 'Slow',
      slug: 'slow',
      apiBaseUrl: `http://${api.host}/api`,
      authMethods: [{ kind: 'none' }],
    };
    await call(url, '/v1/connectors', secretKey, connector);
    const session = await call(url, '/v1/connect-sessions', secretKey, { tenantId: 't1', endUserId: 'u1' });
    const connection = await call(url, '/v1/session/connections', session.token, { connector: 'slow' }, ORIGIN);

    const inFlight = call(url, '/v1/proxy', secretKey, { connectionId: connection.id, method: 'GET', path: '/slow' });
    await api.entered;
    serve.child.kill('SIGTERM');
    await serve.stderrMatching(/stopping on SIGTERM/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    api.release();
    expect(await inFlight).toMatchObject({ status: 200, body: { slow: true } });
    expect(await serve.exited).toBe(0);
    expect(JSON.parse(serve.output.stdout.slice(serve.output.stdout.lastIndexOf('\n{')))).toEqual({
      stopped: 'SIGTERM',
    });
  });

  it('runs an API-only replica with --no-workers, and plugboard worker sends the deliveries it left, then stops on SIGINT', async () => {
    const endpoint = await startVendorEndpoint();
    cleanups.push(endpoint.close);
    const { secretKey } = await cli('org', 'create', '--name', 'Acme', '--origin', ORIGIN);
    const serve = startCli(['serve', '--no-workers'], { PLUGBOARD_EGRESS_ALLOW_HOSTS: endpoint.host });
    const [, url, shape] = (await serve.stderrMatching(/listening on (http:\/\/\S+) \((.*)\)\n/)) as string[];
    expect(shape).toBe('API only, no workers');
    await call(url as string, '/v1/webhook-endpoints', secretKey, { url: endpoint.url });
    await call(url as string, '/v1/connectors', secretKey, {
      name: 'Keyed',
      slug: 'keyed',
      authMethods: [{ kind: 'apiKey' }],
    });
    const session = await call(url as string, '/v1/connect-sessions', secretKey, { tenantId: 't1', endUserId: 'u1' });
    const body = { connector: 'keyed', credentials: { apiKey: 'k' } };
    await call(url as string, '/v1/session/connections', session.token, body, ORIGIN);

    const worker = startCli(['worker'], { PLUGBOARD_EGRESS_ALLOW_HOSTS: endpoint.host });
    expect((await worker.stderrMatching(/workers running: (.*)\n/))[1]).toBe('delivery, polling, retention, refresh');
    await waitFor(() => endpoint.received.length > 0);
    expect(JSON.parse(endpoint.received[0]?.body ?? '{}').type).toBe('connection.created');
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(worker.output.stdout).toContain('"stopped": "SIGINT"');
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });
});
