// The one test command: installs what the suite needs, then lints, builds, type-checks and tests.
import { ensureChromium } from './ensure-chromium.mjs';
import { pnpm } from './pnpm.mjs';

ensureChromium();
pnpm(['install', '--frozen-lockfile']);
pnpm(['exec', 'biome', 'check', '.']);
pnpm(['-r', 'run', 'build']);
pnpm(['-r', 'run', 'typecheck']);
pnpm(['exec', 'vitest', 'run', ...process.argv.slice(2)]);
