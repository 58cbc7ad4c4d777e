// The benchmarks: builds what they load, then runs each package's `bench` script one at a time, so no two
// measure at once. Every figure is printed beside a bare baseline from the same run. Not part of `pnpm test`.
import { pnpm } from './pnpm.mjs';

pnpm(['--filter', '@plugboard/server...', 'run', 'build']);
pnpm(['-r', '--workspace-concurrency=1', 'run', 'bench']);
