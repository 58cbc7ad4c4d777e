// Where the main thread's time goes on the paint benchmark's pages, from navigation start to the frame that
// painted the 200 cards: a Chromium trace (devtools.timeline) of a few cold loads of each page, its events' self
// CPU time summed by kind (script, style, layout, paint, HTML parsing, other: task scheduling, IPC), beside the
// wall-clock span (the rest of it waits on the network or the next frame). Thread CPU time rather than wall time,
// so that figures taken on a busy machine still compare. Not a ratio: a diagnosis of what paint.mjs measures.
//   node packages/widget/bench/paint-profile.mjs [other-bundle.js ...]  (after `pnpm bench --only paint` built it all)
// Given other builds of plugboard-connect.js (say, main's), it profiles their pages too, one load of each in turn,
// to compare a change on a machine too busy for wall-clock figures. PLUGBOARD_BENCH_PAINT_EVENTS=1 adds each trace
// event's self time, as `#<event name>`.
import { CARDS, launchChromium, tracedPaint, twoHundredCardPages } from './paint-pages.mjs';

const RUNS = Number(process.env.PLUGBOARD_BENCH_PAINT_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Traces each page in turn, RUNS times after one warm-up round, and prints each one's medians. */
async function profile(browser, named) {
  const runs = named.map(() => []);
  for (let run = -1; run < RUNS; run += 1) {
    for (const [index, [, url]] of named.entries()) {
      const summary = await tracedPaint(browser, url);
      if (run >= 0) runs[index].push(summary);
    }
  }
  for (const [index, [name]] of named.entries()) {
    const kinds = [...new Set(runs[index].flatMap(Object.keys))];
    const row = Object.fromEntries(
      kinds.map((kind) => [kind, Math.round(median(runs[index].map((r) => r[kind] ?? 0)) * 10) / 10]),
    );
    console.log(`${name}: ${JSON.stringify(row)}`);
  }
}

const browser = await launchChromium();
try {
  const pages = await twoHundredCardPages(browser, process.argv.slice(2));
  try {
    console.log(`Main thread CPU ms from navigation start to ${CARDS} cards painted (median of ${RUNS} cold loads)`);
    await profile(browser, [
      ['fetched by the widget', pages.fetched],
      ...pages.variants.map((variant) => [`fetched, ${variant.name}`, variant.fetched]),
    ]);
    await profile(browser, [
      ['passed by the page', pages.passed],
      ...pages.variants.map((variant) => [`passed, ${variant.name}`, variant.passed]),
      ['static page', pages.still],
    ]);
  } finally {
    await pages.stop();
  }
} finally {
  await browser.close();
}
