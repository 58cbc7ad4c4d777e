// The one test command: installs what the suite needs, then lints, builds, type-checks and tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { startTestPostgres, stopOnExit } from './ensure-postgres.mjs';
import { pnpm } from './pnpm.mjs';

const report = '.tmp/vitest-report.json';

/** Runs a command of the suite, and ends the run when it fails. */
function run(command, args) {
  const status = spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
  if (status !== 0) process.exit(status);
}

ensureChromium();
pnpm(['install', '--frozen-lockfile']);
pnpm(['exec', 'biome', 'check', '.']);
pnpm(['-r', 'run', 'build']);
pnpm(['-r', 'run', 'typecheck']);
pnpm(['exec', 'tsc', '-p', 'e2e/tsconfig.json']);
// The packages as npm users get them: publint, attw, and an install of the packed tarballs that runs plugboard serve.
run(process.execPath, ['scripts/check-packages.mjs']);
// The API reference from the JSDoc, into docs/api/ (not committed): a broken build of it fails the run.
pnpm(['run', 'docs:api']);
mkdirSync('.tmp', { recursive: true });
// The server suite runs on SQLite and, as the `server-pg` project, on this throwaway Postgres server.
const postgres = await startTestPostgres();
stopOnExit(postgres.stop);
process.env.PLUGBOARD_TEST_DATABASE_URL = postgres.url;
const status = pnpm(
  [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { allowFailure: true },
);
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
} catch {
  console.log('\nNo test report was written.');
}
process.exit(status);
