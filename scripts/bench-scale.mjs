// `pnpm bench:scale`: a million connections over ten thousand tenants of one organization, on SQLite and on a
// throwaway PostgreSQL (started as the tests start theirs), seeded through the store's batched writes; prints
// p50/p99 of the hot queries with their plans, and fails when a plan reads all of `connections` or sorts
// where an index should serve. Timings are printed, never asserted. Not part of `pnpm test`.
//   pnpm bench:scale [--connections N] [--tenants N] [--engine sqlite|postgres]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestPostgres, stopOnExit } from './ensure-postgres.mjs';
import { pnpm } from './pnpm.mjs';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000000' },
    tenants: { type: 'string', default: '10000' },
    engine: { type: 'string' },
  },
});
const engines = values.engine ? [values.engine] : ['sqlite', 'postgres'];
const bench = fileURLToPath(new URL('../packages/server/bench/scale.mjs', import.meta.url));
const folder = fileURLToPath(new URL('../.tmp/bench-scale/', import.meta.url));

pnpm(['--filter', '@plugboard/server...', 'run', 'build']);

/** Runs one engine's part in its own process, so each starts with a fresh heap. */
function run(url) {
  const args = [bench, '--url', url, '--connections', values.connections, '--tenants', values.tenants];
  return spawnSync(process.execPath, args, { stdio: 'inherit' }).status === 0;
}

let ok = true;
for (const engine of engines) {
  if (engine === 'sqlite') {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    ok = run(`file:${folder}plugboard.db`) && ok;
    rmSync(folder, { recursive: true, force: true });
  } else if (engine === 'postgres') {
    const server = await startTestPostgres();
    stopOnExit(server.stop);
    ok = run(server.url) && ok;
    server.stop();
  } else {
    throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
  }
}
process.exit(ok ? 0 : 1);
