// The server tests also run on PostgreSQL: a throwaway server from Debian's `postgresql` package, with its
// data folder under the repo's ignored .tmp/, on a free loopback port, stopped (and its folder removed) at
// the end. PLUGBOARD_TEST_DATABASE_URL points the tests at an existing server instead. Nothing is downloaded
// but Debian packages.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const MIN_VERSION = 15;
const TMP = fileURLToPath(new URL('../.tmp/', import.meta.url));

/** Debian's server binaries folder for the newest installed major version, if one is new enough. */
function findBinDir() {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .map(Number)
    .filter((version) => version >= MIN_VERSION && existsSync(join(POSTGRES_ROOT, String(version), 'bin', 'initdb')))
    .sort((a, b) => b - a);
  return versions.length ? join(POSTGRES_ROOT, String(versions[0]), 'bin') : undefined;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${result.error?.message ?? ''}${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Installs Debian's `postgresql` package with apt-get when no server of version 15 or newer is installed. */
export function ensurePostgresInstalled() {
  const found = findBinDir();
  if (found) return found;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  console.log(`PostgreSQL ${MIN_VERSION}+ not found in ${POSTGRES_ROOT}: installing Debian's postgresql package.`);
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', 'postgresql'],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      throw new Error(
        'Could not install postgresql. Install it (apt-get install postgresql) or set PLUGBOARD_TEST_DATABASE_URL.',
      );
    }
  }
  const installed = findBinDir();
  if (!installed) throw new Error(`The postgresql package installed no server of version ${MIN_VERSION}+.`);
  return installed;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Root may not run a Postgres server: run its programs as the `postgres` user then. */
function serverUser() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(run('id', ['-u', 'postgres']).trim());
  const gid = Number(run('id', ['-g', 'postgres']).trim());
  return { uid, gid };
}

function makeFolder(folder, user) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'data'), { recursive: true });
  if (user.uid !== undefined) {
    chownSync(folder, user.uid, user.gid);
    chownSync(join(folder, 'data'), user.uid, user.gid);
  }
  return folder;
}

/**
 * The server's folder: under the repo's .tmp/, unless the `postgres` user cannot reach it there (a checkout
 * under a private home folder) or the path is too long for a unix socket; then under the system temp folder.
 */
function serverFolder(user, as) {
  const preferred = makeFolder(join(TMP, `postgres-${process.pid}`), user);
  const reachable = spawnSync('test', ['-w', join(preferred, 'data')], { ...as, stdio: 'ignore' }).status === 0;
  if (reachable && preferred.length < 80) return preferred;
  rmSync(preferred, { recursive: true, force: true });
  return makeFolder(mkdtempSync(join(tmpdir(), 'plugboard-postgres-')), user);
}

/**
 * Starts a throwaway PostgreSQL server with one empty database, unless PLUGBOARD_TEST_DATABASE_URL names
 * one already.
 *
 * @returns the database URL, and `stop()` to shut the server down and remove its folder (a no-op for a
 *   server given by URL); `stop` is synchronous so that it also runs from an `exit` handler
 */
export async function startTestPostgres() {
  const given = process.env.PLUGBOARD_TEST_DATABASE_URL;
  if (given) return { url: given, stop() {} };
  const bin = ensurePostgresInstalled();
  const user = serverUser();
  const as = { ...user, env: { ...process.env, LC_ALL: 'C' } };
  const folder = serverFolder(user, as);
  const data = join(folder, 'data');
  run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
    as,
  );
  const port = await freePort();
  // Durability is of no use to a throwaway server; the tests' many small transactions go faster without it.
  const settings = [
    '-c listen_addresses=127.0.0.1',
    `-c port=${port}`,
    `-c unix_socket_directories=${folder}`,
    '-c max_connections=300',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  run(
    join(bin, 'pg_ctl'),
    ['-D', data, '-l', join(folder, 'server.log'), '-o', settings, '-w', '-t', '60', 'start'],
    as,
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...as, stdio: 'ignore' });
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'plugboard_test'], as);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/plugboard_test`, stop };
}

/** Stops the server when the process ends, is interrupted or terminated. */
export function stopOnExit(stop) {
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
