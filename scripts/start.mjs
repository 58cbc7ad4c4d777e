// The one run command: installs, builds, and starts the demo backend with the SQLite default.
import { pnpm } from './pnpm.mjs';

pnpm(['install', '--frozen-lockfile']);
pnpm(['-r', 'run', 'build']);
await import('../examples/demo/main.mjs');
