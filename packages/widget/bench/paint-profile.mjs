// Where the main thread's time goes on the paint benchmark's pages, from navigation start to the frame that
// painted the 200 cards: a Chromium trace (devtools.timeline) of a few cold loads of each page, its events' self
// time summed by kind (script, style, layout, paint, HTML parsing) and the rest of the span (idle: waiting on the
// network or the next frame). Not a ratio: a diagnosis of what paint.mjs measures.
//   node packages/widget/bench/paint-profile.mjs  (after `pnpm bench --only paint` built everything)
import { CARDS, inFreshPage, launchChromium, painted, twoHundredCardPages } from './paint-pages.mjs';

const RUNS = Number(process.env.PLUGBOARD_BENCH_PAINT_RUNS ?? 5);
/** PLUGBOARD_BENCH_PAINT_EVENTS=1 also prints each trace event's self time, as `#<event name>`. */
const byName = process.env.PLUGBOARD_BENCH_PAINT_EVENTS === '1';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
];

/** What each trace event's self time counts as; the rest is `other` (task scheduling, IPC). */
const KINDS = {
  script: [
    'EvaluateScript',
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'v8.produceModuleCache',
    'FunctionCall',
    'TimerFire',
    'FireAnimationFrame',
    'EventDispatch',
    'RunMicrotasks',
    'v8.run',
    'V8.Execute',
    'MajorGC',
    'MinorGC',
    'V8.GCScavenger',
    'BlinkGC.AtomicPhase',
    'XHRLoad',
  ],
  parseHtml: ['ParseHTML'],
  parseCss: ['ParseAuthorStyleSheet'],
  style: ['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation'],
  layout: ['Layout', 'UpdateLayerTree', 'IntersectionObserverController::computeIntersections'],
  paint: ['PrePaint', 'Paint', 'PaintImage', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit'],
  decode: ['Decode Image', 'ImageDecodeTask', 'Decode LazyPixelRef'],
};
const kindOf = new Map(Object.entries(KINDS).flatMap(([kind, names]) => names.map((name) => [name, kind])));

/** Self time by kind on the page's main thread between navigation start and `bench:painted`, in ms. */
function summarize(events) {
  const mark = events.find((event) => event.name === 'bench:painted');
  const main = events.filter((event) => event.pid === mark.pid && event.tid === mark.tid);
  const start = main.find((event) => event.name === 'navigationStart')?.ts ?? Math.min(...main.map((e) => e.ts));
  const end = mark.ts;
  const slices = main
    .filter((event) => event.ph === 'X' && event.dur !== undefined && event.ts < end && event.ts + event.dur > start)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = { span: (end - start) / 1000, busy: 0 };
  const stack = [];
  const add = (kind, us) => {
    totals[kind] = (totals[kind] ?? 0) + us / 1000;
  };
  const clip = (slice) => Math.min(slice.ts + slice.dur, end) - Math.max(slice.ts, start);
  for (const slice of slices) {
    while (stack.length > 0 && stack.at(-1).ts + stack.at(-1).dur <= slice.ts) stack.pop();
    const parent = stack.at(-1);
    const own = clip(slice);
    if (parent) add(parent.kind, -own);
    else totals.busy += own / 1000;
    const kind = kindOf.get(slice.name) ?? parent?.kind ?? 'other';
    add(kind, own);
    if (byName) {
      add(`#${slice.name}`, own);
      if (parent) add(`#${parent.name}`, -own);
    }
    stack.push({ ts: slice.ts, dur: slice.dur, kind, name: slice.name });
  }
  totals.idle = totals.span - totals.busy;
  return totals;
}

/** One cold load of `target`, traced; its summary. */
async function traced(browser, url) {
  return inFreshPage(browser, CARDS, async (page) => {
    await browser.startTracing(page, { categories: CATEGORIES });
    await painted(page, url);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    return summarize(trace.traceEvents);
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function profile(browser, name, url) {
  const runs = [];
  await traced(browser, url);
  for (let run = 0; run < RUNS; run += 1) runs.push(await traced(browser, url));
  const kinds = [...new Set(runs.flatMap(Object.keys))];
  const row = Object.fromEntries(
    kinds.map((kind) => [kind, Math.round(median(runs.map((r) => r[kind] ?? 0)) * 10) / 10]),
  );
  console.log(`${name}: ${JSON.stringify(row)}`);
}

const browser = await launchChromium();
try {
  const pages = await twoHundredCardPages(browser);
  try {
    console.log(`Main thread, ms from navigation start to ${CARDS} cards painted (median of ${RUNS} cold loads)`);
    await profile(browser, 'fetched by the widget', pages.fetched);
    await profile(browser, 'passed by the page', pages.passed);
    await profile(browser, 'static page', pages.still);
  } finally {
    await pages.stop();
  }
} finally {
  await browser.close();
}
