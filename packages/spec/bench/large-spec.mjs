// Builds a connector draft from a generated 10 MB spec with 1,200 operations and prints how long it took.
// Run after a build: `pnpm --filter @plugboard/spec build && node packages/spec/bench/large-spec.mjs [--yaml]`.
import { stringify } from 'yaml';
import { buildConnectorDraft, parseSpec } from '../dist/index.js';
import { generateLargeSpec } from './generate-spec.mjs';

const yaml = process.argv.includes('--yaml');
const document = generateLargeSpec();
const text = yaml ? stringify(document, { lineWidth: 0 }) : JSON.stringify(document);
const runs = 5;
const timings = [];
let draft;
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const spec = await parseSpec(text);
  const parsed = performance.now();
  draft = buildConnectorDraft(spec);
  const built = performance.now();
  timings.push({ parse: parsed - started, build: built - parsed, total: built - started });
}
timings.sort((a, b) => a.total - b.total);
const median = timings[Math.floor(runs / 2)];
const megabytes = (Buffer.byteLength(text) / 1e6).toFixed(1);
console.log(
  `${yaml ? 'YAML' : 'JSON'} spec: ${megabytes} MB, ${draft.actions.length} actions in ${draft.groups.length} tag groups, ` +
    `${draft.warnings.length} warnings`,
);
console.log(
  `median of ${runs}: parse ${median.parse.toFixed(0)} ms + build ${median.build.toFixed(0)} ms = ${median.total.toFixed(0)} ms ` +
    `(node ${process.version})`,
);
