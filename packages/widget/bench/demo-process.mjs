// The demo in a process of its own for the paint benchmark, as `npm start` runs it, with a fresh database in a new
// folder under .tmp/bench (beside the other benchmarks' databases) and its logging off. Prints
// `listening on <url>` to stderr, as `plugboard serve` does.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../../examples/demo/demo-server.mjs';

const benchFolder = fileURLToPath(new URL('../../../.tmp/bench/', import.meta.url));
mkdirSync(benchFolder, { recursive: true });
const dataDir = mkdtempSync(join(benchFolder, 'demo-'));
const quiet = { info() {}, warn() {}, error() {} };
const demo = await startDemo({ port: 0, databaseUrl: join(dataDir, 'plugboard.db'), dataDir, env: {}, logger: quiet });
console.error(`listening on ${demo.url}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.close().then(() => process.exit(0)));
