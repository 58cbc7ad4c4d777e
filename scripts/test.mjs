// The one test command: installs what the suite needs, then lints, builds, type-checks and tests.
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { startTestPostgres, stopOnExit } from './ensure-postgres.mjs';
import { pnpm } from './pnpm.mjs';

const report = '.tmp/vitest-report.json';

ensureChromium();
pnpm(['install', '--frozen-lockfile']);
pnpm(['exec', 'biome', 'check', '.']);
pnpm(['-r', 'run', 'build']);
pnpm(['-r', 'run', 'typecheck']);
pnpm(['exec', 'tsc', '-p', 'e2e/tsconfig.json']);
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
