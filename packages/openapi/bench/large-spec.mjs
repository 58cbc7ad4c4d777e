// Builds connector drafts from a generated large spec, as JSON text and as YAML text, and prints each figure next
// to a baseline from the same run: the JSON path beside JSON.parse of the same text, then the YAML path's time and
// peak memory beside the JSON path's (the goal: at most twice). Times alternate between the formats run by run, so
// a busy machine weighs on both alike; each format's peak memory is measured in a fresh child process, so one's
// garbage does not count against the other's. Run through `pnpm bench` at the root (it builds
// first), or after a build: `node packages/openapi/bench/large-spec.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { heading, report } from '../../../scripts/bench-report.mjs';
import { buildConnectorDraft, parseSpec } from '../dist/index.js';
import { generateLargeSpec } from './generate-spec.mjs';

const runs = 7;
const peakAt = process.argv.indexOf('--peak');

/** Median times of `runs` runs of each piece of work, taking turns run by run. */
async function alternating(works) {
  const durations = works.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, work] of works.entries()) {
      const started = performance.now();
      await work();
      durations[index].push(performance.now() - started);
    }
  }
  return durations.map((list) => list.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0);
}

const build = (text) => async () => buildConnectorDraft(await parseSpec(text));

if (peakAt >= 0) {
  // A child: the peak memory of one parse and build above what the process held with the text read.
  const text = await readFile(process.argv[peakAt + 1] ?? '', 'utf8');
  globalThis.gc?.();
  const held = process.memoryUsage().rss;
  await build(text)();
  console.log(Math.max(0, process.resourceUsage().maxRSS * 1024 - held) / 1e6);
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), 'plugboard-large-spec-'));
/** The peak memory (MB) of parsing and building one text, in a fresh process. */
async function peakMb(name, text) {
  const file = join(dir, name);
  await writeFile(file, text);
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--expose-gc', script, '--peak', file], { encoding: 'utf8' });
  return Number(out.trim().split('\n').at(-1));
}

try {
  const document = generateLargeSpec();
  const json = JSON.stringify(document);
  const yaml = stringify(document, { lineWidth: 0 });
  const draft = buildConnectorDraft(await parseSpec(json));
  const mb = (text) => (Buffer.byteLength(text) / 1e6).toFixed(1);
  heading(
    `Spec of ${draft.actions.length} actions in ${draft.groups.length} tag groups: ${mb(json)} MB as JSON, ` +
      `${mb(yaml)} MB as YAML (median of ${runs}; peak memory above the text, one run in a fresh process; node ${process.version})`,
  );
  const [jsonBuild, yamlBuild, jsonParse] = await alternating([build(json), build(yaml), () => JSON.parse(json)]);
  const [jsonPeak, yamlPeak] = [await peakMb('spec.json', json), await peakMb('spec.yaml', yaml)];
  report({
    name: 'JSON spec, 1,200 operations: parse + build',
    plugboard: jsonBuild,
    baseline: jsonParse,
    unit: 'ms',
    baselineName: 'JSON.parse',
  });
  report({
    name: 'YAML spec, 1,200 operations: parse + build (goal: ratio >= 0.5)',
    plugboard: yamlBuild,
    baseline: jsonBuild,
    unit: 'ms',
    baselineName: 'the JSON path',
  });
  report({
    name: 'YAML spec, 1,200 operations: peak memory of parse + build (goal: ratio >= 0.5)',
    plugboard: yamlPeak,
    baseline: jsonPeak,
    unit: 'MB',
    baselineName: 'the JSON path',
  });

  // How the work grows: a document ten times as large (operations and schemas) should cost about ten times as
  // much to build from, as it does to parse alone; a ratio well above 1 means the build grows faster than linearly.
  const scaled = (factor) =>
    JSON.stringify(generateLargeSpec({ operations: 200 * factor, schemas: 30 * factor, descriptionSentences: 5 }));
  const [smallText, bigText] = [scaled(1), scaled(10)];
  const [smallBuild, smallParse] = await alternating([build(smallText), () => JSON.parse(smallText)]);
  const [bigBuild, bigParse] = await alternating([build(bigText), () => JSON.parse(bigText)]);
  report({
    name: 'JSON spec, 200 -> 2,000 operations: parse + build grows',
    plugboard: bigBuild / smallBuild,
    baseline: bigParse / smallParse,
    unit: 'x',
    baselineName: 'JSON.parse',
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
