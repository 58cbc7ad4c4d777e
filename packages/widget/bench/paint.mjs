// The widget's first paint in headless Chromium, each beside a static page holding the same rendered HTML and CSS
// (taken from the widget's own shadow DOM, as a declarative shadow root, so both draw the same thing):
// - 200 cards on a page that gives the widget a session token: the widget loads, fetches its cards, draws them;
// - the same 200 cards passed by the page (`<script type="application/json">` inside the element);
// - the demo page's cards (its backend mints the session and passes the first cards with the page).
// One measure on both sides: from navigation start to the first frame after the last card is in the shadow DOM,
// polled every animation frame, then a task after that frame (it has painted). Every run opens a fresh browser
// context (cold cache); the two sides alternate, and each figure is the median. Run through `pnpm bench`.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { heading, report } from '../../../scripts/bench-report.mjs';
import {
  createOrganization,
  freshDatabase,
  startPlugboard,
  startServerProcess,
} from '../../server/bench/http/harness.mjs';
import { api, createApiKeyConnector } from '../../server/bench/http/seed.mjs';

const RUNS = Number(process.env.PLUGBOARD_BENCH_PAINT_RUNS ?? 15);
const CARDS = 200;

/** Set up before any of the page's scripts: resolves `window.__painted` with the time the cards were painted. */
function watchPaint(expected) {
  window.__painted = new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    const check = () => {
      const host = document.querySelector('[data-bench-host], plugboard-connect');
      const cards = host?.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0;
      // This frame draws the cards: the message arrives once it has painted.
      if (cards >= expected) channel.port2.postMessage(null);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** The widget's shadow DOM as a declarative shadow root: its markup and its adopted style sheets, inline. */
function snapshotShadow() {
  const host = document.querySelector('[data-bench-host], plugboard-connect');
  const root = host.shadowRoot;
  const css = [...root.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
  return `<template shadowrootmode="open"><style>${css.join('\n')}</style>${root.innerHTML}</template>`;
}

/**
 * Loads `url` in a fresh context and returns when its cards were painted, in ms since navigation start. `html`
 * (when given) is served at `url` instead of asking the server, as the static pages are.
 */
async function paintOnce(browser, url, expected, html) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPaint, expected);
    if (html !== undefined) await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(() => window.__painted);
  } finally {
    await context.close();
  }
}

/** The HTML the widget painted, for the static side: loads `url` (served `html`) once and snapshots the host. */
async function renderedShadow(browser, url, expected, html) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPaint, expected);
    if (html !== undefined) await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(url, { waitUntil: 'commit' });
    await page.evaluate(() => window.__painted);
    return await page.evaluate(snapshotShadow);
  } finally {
    await context.close();
  }
}

/** Median paint times of the page and its static twin, alternating runs so both see the same machine. */
async function compare(browser, { name, url, html, staticHtml, expected }) {
  const widget = [];
  const still = [];
  const staticUrl = `${new URL(url).origin}/bench-static.html`;
  for (let run = -1; run < RUNS; run += 1) {
    const measured = await paintOnce(browser, url, expected, html);
    const baseline = await paintOnce(browser, staticUrl, expected, staticHtml);
    // The first pair warms the server and the browser's process pool, as a returning visitor would find them.
    if (run < 0) continue;
    widget.push(measured);
    still.push(baseline);
  }
  report({ name, plugboard: median(widget), baseline: median(still), unit: 'ms', baselineName: 'static page' });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const escapeJson = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Paint</title>${body}</html>`;
const widgetScript = '<script type="module" src="/widget/plugboard-connect.js"></script>';

async function twoHundredCards(browser) {
  const databaseUrl = await freshDatabase('sqlite');
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl);
  try {
    for (let index = 0; index < CARDS; index += 1) {
      const number = String(index).padStart(3, '0');
      await createApiKeyConnector(plugboard.url, secretKey, {
        name: `Service ${number}`,
        description: `Customer records, invoices and events from service ${number}, kept in sync every hour.`,
      });
    }
    const session = await api(plugboard.url, secretKey, 'POST', '/v1/connect-sessions', {
      tenantId: 'tenant-1',
      endUserId: 'user-1',
      ttlSeconds: 3600,
    });
    const url = `${plugboard.url}/bench-widget.html`;
    const fetching = page(
      `${widgetScript}</head><body><plugboard-connect data-bench-host session-token="${session.token}"></plugboard-connect></body>`,
    );
    const shadow = await renderedShadow(browser, url, CARDS, fetching);
    const staticHtml = page(`</head><body><div data-bench-host>${shadow}</div></body>`);
    await compare(browser, {
      name: `${CARDS} cards, fetched by the widget`,
      url,
      html: fetching,
      staticHtml,
      expected: CARDS,
    });

    const first = await api(plugboard.url, session.token, 'GET', '/v1/session/bootstrap');
    const passed = page(
      `${widgetScript}</head><body><plugboard-connect data-bench-host session-token="${session.token}"><script type="application/json">${escapeJson(first)}</script></plugboard-connect></body>`,
    );
    await compare(browser, {
      name: `${CARDS} cards, passed by the page`,
      url,
      html: passed,
      staticHtml,
      expected: CARDS,
    });
  } finally {
    await plugboard.stop();
  }
}

async function demoPage(browser) {
  const demo = await startServerProcess([fileURLToPath(new URL('./demo-process.mjs', import.meta.url))]);
  try {
    const url = `${demo.url}/`;
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
    const staticHtml = served
      .replace(/<script type="module" src="\/widget\/plugboard-connect\.js"><\/script>/, '')
      .replace(/(<plugboard-connect[^>]*>)/, `$1${shadow}`);
    // The demo page itself comes from the demo's backend, which does whatever it does for each page.
    await compare(browser, { name: `demo page, ${expected} cards`, url, staticHtml, expected });
  } finally {
    await demo.stop();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: false,
  args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  heading(`Widget first paint in headless Chromium ${browser.version()} (median of ${RUNS} cold loads)`);
  await twoHundredCards(browser);
  await demoPage(browser);
} finally {
  await browser.close();
}
