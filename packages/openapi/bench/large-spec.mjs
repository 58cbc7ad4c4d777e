// Builds connector drafts from generated large specs and prints each time next to a bare baseline from the same
// run: the plain parser (JSON.parse, or the YAML parser with --yaml) of the same text. Run through `pnpm bench`
// at the root (it builds first), or after a build: `node packages/openapi/bench/large-spec.mjs [--yaml]`.
import { parse as parseYaml, stringify } from 'yaml';
import { heading, medianMs, report } from '../../../scripts/bench-report.mjs';
import { buildConnectorDraft, parseSpec } from '../dist/index.js';
import { generateLargeSpec } from './generate-spec.mjs';

const yaml = process.argv.includes('--yaml');
const format = yaml ? 'YAML' : 'JSON';
const textOf = (document) => (yaml ? stringify(document, { lineWidth: 0 }) : JSON.stringify(document));
const bareParse = (text) => (yaml ? parseYaml(text) : JSON.parse(text));
const baselineName = yaml ? 'yaml parse' : 'JSON.parse';
const runs = 7;

/** The median time to parse and build `text`, and to parse it with the bare parser alone. */
async function timings(text) {
  const build = await medianMs(runs, async () => buildConnectorDraft(await parseSpec(text)));
  const bare = await medianMs(runs, () => bareParse(text));
  return { build, bare };
}

const text = textOf(generateLargeSpec());
const draft = buildConnectorDraft(await parseSpec(text));
const megabytes = (Buffer.byteLength(text) / 1e6).toFixed(1);
heading(
  `${format} spec: ${megabytes} MB, ${draft.actions.length} actions in ${draft.groups.length} tag groups, ` +
    `${draft.warnings.length} warnings (median of ${runs}, node ${process.version})`,
);
const large = await timings(text);
report({
  name: `${format} spec, 1,200 operations: parse + build`,
  plugboard: large.build,
  baseline: large.bare,
  unit: 'ms',
  baselineName,
});

// How the work grows: a document ten times as large (operations and schemas) should cost about ten times as
// much to build from, as it does to parse alone; a ratio well above 1 means the build grows faster than linearly.
const scaled = (factor) =>
  textOf(generateLargeSpec({ operations: 200 * factor, schemas: 30 * factor, descriptionSentences: 5 }));
const small = await timings(scaled(1));
const big = await timings(scaled(10));
report({
  name: `${format} spec, 200 -> 2,000 operations: parse + build grows`,
  plugboard: big.build / small.build,
  baseline: big.bare / small.bare,
  unit: 'x',
  baselineName,
});
