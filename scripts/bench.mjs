// `pnpm bench`: builds what the benchmarks load, starts a throwaway PostgreSQL (as the tests start theirs) for
// the measures that run on both engines, then runs each benchmark in its own process, one at a time, so no two
// measure at once. Every figure is printed beside a bare baseline from the same run, as a ratio where >= 1 means
// as good as the baseline. Not part of `pnpm test`.
//   pnpm bench [--json] [--only <text>] [--engine sqlite|postgres]
// --json prints one {"name","plugboard","baseline","unit","ratio"} object per line on stdout (headings go to
// stderr); --only runs the benchmarks whose file path contains <text>; --engine measures on one engine only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestPostgres, stopOnExit } from './ensure-postgres.mjs';
import { pnpm } from './pnpm.mjs';

/** Every benchmark, in the order they run. */
const benches = [
  'packages/openapi/bench/large-spec.mjs',
  'packages/server/bench/send-outbound.mjs',
  'packages/server/bench/http/floor.mjs',
  'packages/server/bench/http/credentials.mjs',
  'packages/server/bench/http/proxy.mjs',
  'packages/widget/bench/paint.mjs',
  'packages/server/bench/http/listings.mjs',
];

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, only: { type: 'string' }, engine: { type: 'string' } },
});
const engines = values.engine ? [values.engine] : ['sqlite', 'postgres'];
const selected = benches.filter((bench) => !values.only || bench.includes(values.only));
const root = fileURLToPath(new URL('..', import.meta.url));

pnpm(['--filter', '@plugboard/server...', '--filter', '@plugboard/widget...', 'run', 'build'], {
  stdio: values.json ? ['inherit', 2, 2] : 'inherit',
});
const env = {
  ...process.env,
  PLUGBOARD_BENCH_ENGINES: engines.join(','),
  PLUGBOARD_BENCH_JSON: values.json ? '1' : '0',
};
if (engines.includes('postgres')) {
  const server = await startTestPostgres();
  stopOnExit(server.stop);
  env.PLUGBOARD_BENCH_POSTGRES_URL = server.url;
}
let failed = 0;
for (const bench of selected) {
  const { status } = spawnSync(process.execPath, [bench], { cwd: root, env, stdio: 'inherit' });
  if (status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
