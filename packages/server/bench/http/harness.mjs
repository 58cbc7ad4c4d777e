// The pieces every HTTP benchmark of `pnpm bench` shares: servers in their own processes (Plugboard's built CLI
// and the bare baselines alike, so both sides pay the same process and socket costs), a fresh database per
// engine, load from autocannon for throughput and a sequential keep-alive loop for latency (autocannon rounds
// latencies to whole milliseconds). The same tool measures both sides of every ratio.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const cliPath = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sqliteFolder = fileURLToPath(new URL('../../../../.tmp/bench/', import.meta.url));

/**
 * The engines to measure on: `sqlite` always, `postgres` when `pnpm bench` started a server
 * (PLUGBOARD_BENCH_POSTGRES_URL); PLUGBOARD_BENCH_ENGINES (comma-separated) narrows the list.
 * @returns {('sqlite' | 'postgres')[]}
 */
export function benchEngines() {
  const wanted = (process.env.PLUGBOARD_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  return wanted.filter((engine) => engine === 'sqlite' || process.env.PLUGBOARD_BENCH_POSTGRES_URL);
}

/**
 * A new, empty database on `engine`: a SQLite file under .tmp/bench, or a new database on the benchmark's
 * PostgreSQL server.
 * @param {'sqlite' | 'postgres'} engine
 * @returns {Promise<string>} its PLUGBOARD_DATABASE_URL
 */
export async function freshDatabase(engine) {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  if (engine === 'sqlite') {
    mkdirSync(sqliteFolder, { recursive: true });
    return `file:${sqliteFolder}${name}.db`;
  }
  const server = process.env.PLUGBOARD_BENCH_POSTGRES_URL;
  if (!server) throw new Error('PLUGBOARD_BENCH_POSTGRES_URL is not set: run through `pnpm bench`');
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts a Node process running `args` and resolves once it prints `listening on http://…` to stderr (as
 * `plugboard serve` does; the baselines print the same line).
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void> }>}
 */
export function startServerProcess(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM lets `plugboard serve` close and write its CPU profile; a process that hangs is killed.
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve({ url: match[1], pid: child.pid ?? 0, stop });
    });
    void exited.then(() => reject(new Error(`${args.join(' ')} exited before listening:\n${stderr}`)));
  });
}

/**
 * Starts the built `plugboard serve` on `databaseUrl`, with its logging on (to a discarded stdout, as a
 * container's collector would read it) and the given extra environment. With PLUGBOARD_BENCH_CPU_PROF set to a
 * folder, the server writes a CPU profile there when it is stopped gracefully.
 * @param {string} databaseUrl
 * @param {Record<string, string>} [env]
 */
export function startPlugboard(databaseUrl, env = {}) {
  const profileFolder = process.env.PLUGBOARD_BENCH_CPU_PROF;
  const profile = profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [];
  return startServerProcess([...profile, cliPath, 'serve'], { ...plugboardEnv(databaseUrl), ...env });
}

/**
 * Runs one `plugboard <args>` command on `databaseUrl` and returns its JSON output.
 * @param {string} databaseUrl
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
export function plugboardCommand(databaseUrl, args, env = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', ...plugboardEnv(databaseUrl), ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`plugboard ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Creates an organization with the CLI and returns its id and secret key.
 * @param {string} databaseUrl
 * @returns {{ organizationId: string, secretKey: string }}
 */
export function createOrganization(databaseUrl) {
  const created = plugboardCommand(databaseUrl, ['org', 'create', '--name', 'Bench']);
  return { organizationId: created.organization.id, secretKey: created.secretKey };
}

const masterKey = randomBytes(32).toString('base64');
const plugboardEnv = (databaseUrl) => ({
  PLUGBOARD_DATABASE_URL: databaseUrl,
  PLUGBOARD_MASTER_KEY: masterKey,
  PLUGBOARD_DATA_DIR: sqliteFolder,
});

/**
 * Requests per second under `connections` concurrent keep-alive clients, after a one-second warm-up.
 * @param {{ url: string, method?: string, headers?: Record<string, string>, body?: string | Buffer,
 *   connections?: number, seconds?: number, expectStatus?: number }} options
 * @returns {Promise<number>}
 */
export async function throughput({ connections = 32, seconds = 5, expectStatus = 200, ...target }) {
  await load({ ...target, connections, duration: 1 }, expectStatus);
  const result = await load({ ...target, connections, duration: seconds }, expectStatus);
  return result.requests.average;
}

async function load(options, expectStatus) {
  const result = await autocannon({ ...options, expectBody: undefined });
  const wrong = result.non2xx + result.errors + result.timeouts;
  if (wrong > 0 || result['2xx'] === 0)
    throw new Error(`${options.url}: ${wrong} failed of ${result['2xx'] + wrong} (expected ${expectStatus})`);
  return result;
}

/**
 * The median latency in milliseconds of `runs` requests sent one after another over one keep-alive socket,
 * after `runs / 10` warm-up requests.
 * @param {{ url: string, method?: string, headers?: Record<string, string>, body?: string | Buffer,
 *   runs?: number, expectStatus?: number }} options
 * @returns {Promise<number>}
 */
export async function latencyP50({ url, method = 'GET', headers = {}, body, runs = 2000, expectStatus = 200 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const outgoing = request(url, { method, headers, agent }, (response) => {
        response.resume();
        response.once('end', () =>
          response.statusCode === expectStatus
            ? resolve(performance.now() - started)
            : reject(new Error(`${method} ${url}: ${response.statusCode}, expected ${expectStatus}`)),
        );
      });
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  for (let warm = 0; warm < runs / 10; warm += 1) await once();
  const durations = [];
  for (let run = 0; run < runs; run += 1) durations.push(await once());
  agent.destroy();
  durations.sort((a, b) => a - b);
  return durations[Math.floor(runs / 2)] ?? 0;
}

/**
 * The CPU time a process has used so far (user and system), in milliseconds, from /proc: on a shared machine
 * the CPU a request costs is steadier than how many fit in a second. Undefined where /proc is missing.
 * @param {number} pid
 * @returns {number | undefined}
 */
export function cpuTimeMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const bareHono = fileURLToPath(new URL('./bare-hono.mjs', import.meta.url));

/**
 * Throughput of `GET path` under `connections` concurrent keep-alive clients on a running server, and, where /proc
 * tells, the CPU the server used per request meanwhile (warm-up included), in microseconds.
 * @param {{ url: string, pid: number }} server
 * @param {string} path
 * @param {Record<string, string>} headers
 * @returns {Promise<{ rps: number, cpuUs: number | undefined }>}
 */
export async function throughputAndCpu(server, path, headers) {
  const before = cpuTimeMs(server.pid);
  const started = performance.now();
  const rps = await throughput({ url: `${server.url}${path}`, headers });
  const after = cpuTimeMs(server.pid);
  const requests = rps * ((performance.now() - started) / 1000);
  const cpuUs = before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests;
  return { rps, cpuUs };
}

/**
 * Throughput of `GET path` on a running Plugboard and on a bare Hono route (bare-hono.mjs) answering with the body
 * Plugboard answered it with, both under the same load. Given the Plugboard process (`{ url, pid }`) rather than
 * its URL, it also tells the CPU each side used per request (`cpuUs`).
 * @param {string | { url: string, pid: number }} plugboardServer
 * @param {string} path
 * @param {Record<string, string>} headers
 * @returns {Promise<{ plugboard: number, baseline: number, bytes: number,
 *   cpuUs?: { plugboard: number | undefined, baseline: number | undefined } }>}
 */
export async function besideBareHono(plugboardServer, path, headers) {
  const plugboardUrl = typeof plugboardServer === 'string' ? plugboardServer : plugboardServer.url;
  const response = await fetch(`${plugboardUrl}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  const body = await response.text();
  const bodyFile = join(tmpdir(), `plugboard-bench-body-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const bare = await startServerProcess([bareHono, bodyFile]);
  try {
    const bytes = Buffer.byteLength(body);
    if (typeof plugboardServer === 'string') {
      const baseline = await throughput({ url: `${bare.url}${path}`, headers });
      const plugboard = await throughput({ url: `${plugboardUrl}${path}`, headers });
      return { plugboard, baseline, bytes };
    }
    const baseline = await throughputAndCpu(bare, path, headers);
    const plugboard = await throughputAndCpu(plugboardServer, path, headers);
    const cpuUs = { plugboard: plugboard.cpuUs, baseline: baseline.cpuUs };
    return { plugboard: plugboard.rps, baseline: baseline.rps, bytes, cpuUs };
  } finally {
    await bare.stop();
  }
}
