// Shared by the benchmarks `pnpm bench` runs: each figure is printed next to a bare baseline measured in the same
// run, as a ratio, so a number means the same on a fast laptop and on a loaded CI machine.

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
 * Prints one figure beside its baseline and their ratio.
 * @param {string} label what was measured
 * @param {{ name: string, value: number, unit?: string }} figure
 * @param {{ name: string, value: number, unit?: string }} baseline
 */
export function printRatio(label, figure, baseline) {
  const shown = ({ name, value, unit = 'ms' }) =>
    `${name} ${value.toFixed(unit === 'ms' ? 0 : 2)}${unit === 'ms' ? ' ms' : unit}`;
  const ratio = baseline.value > 0 ? (figure.value / baseline.value).toFixed(2) : 'n/a';
  console.log(`${label}: ${shown(figure)} | baseline ${shown(baseline)} | ratio ${ratio}`);
}
