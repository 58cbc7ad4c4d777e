// The widget's first paint in headless Chromium, each beside a static page holding the same rendered HTML and CSS
// (taken from the widget's own shadow DOM, as a declarative shadow root, so both draw the same thing):
// - 200 cards on a page that gives the widget a session token: the widget loads, fetches its cards, draws them;
// - the same 200 cards passed by the page (`<script type="application/json">` inside the element);
// - the demo page's cards (its backend mints the session and passes the first cards with the page).
// One measure on both sides: from navigation start to the first frame after the last card is in the shadow DOM,
// polled every animation frame, then a task after that frame (it has painted). Every run opens a fresh browser
// context (cold cache); the two sides alternate, and each figure is the median. Run through `pnpm bench`.
import { fileURLToPath } from 'node:url';
import { heading, report } from '../../../scripts/bench-report.mjs';
import { startServerProcess } from '../../server/bench/http/harness.mjs';
import {
  CARDS,
  inFreshPage,
  launchChromium,
  painted,
  renderedShadow,
  startPageServer,
  twoHundredCardPages,
} from './paint-pages.mjs';

const RUNS = Number(process.env.PLUGBOARD_BENCH_PAINT_RUNS ?? 15);

/** Loads `url` in a fresh context and returns when its cards were painted, in ms since navigation start. */
const paintOnce = (browser, url, expected) => inFreshPage(browser, expected, (page) => painted(page, url));

/** Median paint times of the page and its static twin, alternating runs so both see the same machine. */
async function compare(browser, { name, url, staticUrl, expected }) {
  const widget = [];
  const still = [];
  for (let run = -1; run < RUNS; run += 1) {
    const measured = await paintOnce(browser, url, expected);
    const baseline = await paintOnce(browser, staticUrl, expected);
    // The first pair warms the server and the browser's process pool, as a returning visitor would find them.
    if (run < 0) continue;
    widget.push(measured);
    still.push(baseline);
  }
  report({ name, plugboard: median(widget), baseline: median(still), unit: 'ms', baselineName: 'static page' });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function twoHundredCards(browser) {
  const pages = await twoHundredCardPages(browser);
  try {
    const staticUrl = pages.still;
    await compare(browser, {
      name: `${CARDS} cards, fetched by the widget`,
      url: pages.fetched,
      staticUrl,
      expected: CARDS,
    });
    await compare(browser, {
      name: `${CARDS} cards, passed by the page`,
      url: pages.passed,
      staticUrl,
      expected: CARDS,
    });
  } finally {
    await pages.stop();
  }
}

async function demoPage(browser) {
  const demo = await startServerProcess([fileURLToPath(new URL('./demo-process.mjs', import.meta.url))]);
  // The demo's page comes through the same front server as its static twin, so both pay the same hop.
  const pages = {};
  const front = await startPageServer(demo.url, pages);
  try {
    const url = `${front.url}/`;
    const served = await (await fetch(url)).text();
    const context = await browser.newContext();
    const probe = await context.newPage();
    await probe.goto(url);
    const expected = await probe.evaluate(
      () =>
        new Promise((resolve) => {
          const host = document.querySelector('plugboard-connect');
          const count = () => host.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0;
          const wait = () => (count() > 0 ? resolve(count()) : requestAnimationFrame(wait));
          wait();
        }),
    );
    await context.close();
    const shadow = await renderedShadow(browser, url, expected);
    pages['/bench-static.html'] = served
      .replace(/<script type="module" src="\/widget\/plugboard-connect\.js"><\/script>/, '')
      .replace(/(<plugboard-connect[^>]*>)/, `$1${shadow}`);
    // The demo page itself comes from the demo's backend, which does whatever it does for each page.
    const staticUrl = `${front.url}/bench-static.html`;
    await compare(browser, { name: `demo page, ${expected} cards`, url, staticUrl, expected });
  } finally {
    await front.stop();
    await demo.stop();
  }
}

const browser = await launchChromium();
try {
  heading(`Widget first paint in headless Chromium ${browser.version()} (median of ${RUNS} cold loads)`);
  await twoHundredCards(browser);
  await demoPage(browser);
} finally {
  await browser.close();
}
