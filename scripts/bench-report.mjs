// Shared by the benchmarks `pnpm bench` runs: each figure is printed next to a bare baseline measured in the same
// run, as a ratio, so a number means the same on a fast laptop and on a loaded CI machine. The ratio is always
// "higher is better": plugboard/baseline for throughput, baseline/plugboard for latency, so >= 1 means as good
// as the baseline. With `pnpm bench --json` (PLUGBOARD_BENCH_JSON=1) each figure is one JSON line instead.

const json = process.env.PLUGBOARD_BENCH_JSON === '1';

/**
 * Runs `work` `runs` times, one after another, and returns the median duration in milliseconds.
 * @param {number} runs
 * @param {() => unknown} work
 * @returns {Promise<number>}
 */
export async function medianMs(runs, work) {
  const durations = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return durations[Math.floor(runs / 2)] ?? 0;
}

/**
 * Prints one figure beside its baseline and their ratio, as a table row or (with --json) one JSON line
 * `{"name", "plugboard", "baseline", "unit", "ratio"}`.
 * @param {{ name: string, plugboard: number, baseline: number, unit: 'rps' | 'ms' | 'x' | 'MB', baselineName?: string }} row
 *   `rps` is throughput (higher is better); `ms` a latency, `x` a growth factor and `MB` memory (lower is better)
 * @returns {number} the ratio
 */
export function report({ name, plugboard, baseline, unit, baselineName }) {
  const ratio = unit === 'rps' ? plugboard / baseline : baseline / plugboard;
  const rounded = Number.isFinite(ratio) ? Math.round(ratio * 100) / 100 : 0;
  if (json) {
    console.log(JSON.stringify({ name, plugboard: round(plugboard), baseline: round(baseline), unit, ratio: rounded }));
  } else {
    const against = baselineName ? ` (${baselineName})` : '';
    console.log(`| ${name} | ${shown(plugboard, unit)} | ${shown(baseline, unit)}${against} | ${rounded.toFixed(2)} |`);
  }
  return rounded;
}

/** Prints a heading line (a comment in --json mode, so every JSON line stays a figure). */
export function heading(text) {
  if (json) console.error(`# ${text}`);
  else console.log(`\n${text}\n| Measure | Plugboard | Baseline | Ratio |\n|---|---|---|---|`);
}

const round = (value) => Math.round(value * 100) / 100;
const shown = (value, unit) => {
  if (unit === 'rps') return `${Math.round(value).toLocaleString('en')} rps`;
  const digits = value < 10 ? value.toFixed(2) : String(Math.round(value));
  if (unit === 'MB') return `${digits} MB`;
  return unit === 'x' ? `${digits}x` : `${digits} ms`;
};
