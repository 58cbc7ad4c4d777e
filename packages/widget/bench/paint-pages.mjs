// The pages of the paint benchmark and what measures them, shared by paint.mjs (the ratios) and paint-profile.mjs
// (where the main thread's time goes): 200 cards on a Plugboard server, the widget's pages, their static twins.
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createOrganization, freshDatabase, startPlugboard } from '../../server/bench/http/harness.mjs';
import { api, createApiKeyConnector } from '../../server/bench/http/seed.mjs';

export const CARDS = 200;
/** PLUGBOARD_BENCH_PAINT_EVENTS=1: traces also count each event's self time, as `#<event name>`. */
const byName = process.env.PLUGBOARD_BENCH_PAINT_EVENTS === '1';

/**
 * Set up before any of the page's scripts: resolves `window.__painted` with the time the cards were painted (and
 * marks it as `bench:painted` for traces).
 */
export function watchPaint(expected) {
  window.__painted = new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.mark('bench:painted');
      resolve(performance.now());
    };
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

/** Opens a fresh context (cold cache) with the paint watcher and runs `work(page)` before the context closes. */
export async function inFreshPage(browser, expected, work) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPaint, expected);
    return await work(page);
  } finally {
    await context.close();
  }
}

/**
 * An HTTP server on loopback that answers `pages` (path to HTML) itself and passes every other request through to
 * `upstreamUrl` untouched (headers, compression and streaming as they come). The pages are served by a server, not
 * through Playwright's `page.route()`: with any route set, Playwright intercepts every request of the page (the
 * widget's module and its cards too) and answers each from this process, a delay the static page never pays.
 * @param {string} upstreamUrl
 * @param {Record<string, string | { br: Buffer }>} pages HTML, or a script (brotli-compressed)
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startPageServer(upstreamUrl, pages) {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, outgoing) => {
    const served = pages[new URL(incoming.url ?? '/', 'http://page').pathname];
    if (typeof served === 'string') {
      outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      outgoing.end(served);
      return;
    }
    if (served !== undefined) {
      // A widget bundle to compare, brotli-compressed as Plugboard sends its own.
      outgoing.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-encoding': 'br' });
      outgoing.end(served.br);
      return;
    }
    const passed = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    passed.on('error', () => outgoing.destroy());
    incoming.pipe(passed);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const stop = () =>
        new Promise((done) => {
          agent.destroy();
          server.closeAllConnections();
          server.close(() => done());
        });
      resolve({ url: `http://127.0.0.1:${port}`, stop });
    });
  });
}

/** Loads the page and returns when its cards were painted, in ms since navigation start. */
export const painted = async (page, url) => {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(() => window.__painted);
};

/** The HTML the widget painted, for the static side: loads the page once and snapshots the host. */
export const renderedShadow = (browser, url, expected) =>
  inFreshPage(browser, expected, async (page) => {
    await painted(page, url);
    return page.evaluate(snapshotShadow);
  });

const escapeJson = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Paint</title>${body}</html>`;
const widgetScript = '<script type="module" src="/widget/plugboard-connect.js"></script>';

/**
 * A Plugboard server with 200 connectors and a session, and, in front of it, the pages that show them: `fetched`
 * (the widget asks for the cards), `passed` (the page carries them) and `still` (the same rendered cards and CSS,
 * without the widget). With `bundles` (files of other builds of the drop-in bundle), `variants[i]` holds the
 * `fetched` and `passed` pages loading the i-th of them instead. `stop()` stops both servers.
 * @param {import('playwright-core').Browser} browser
 * @param {string[]} [bundles]
 */
export async function twoHundredCardPages(browser, bundles = []) {
  const databaseUrl = await freshDatabase('sqlite');
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl);
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
  const host = `<plugboard-connect data-bench-host session-token="${session.token}">`;
  const first = await api(plugboard.url, session.token, 'GET', '/v1/session/bootstrap');
  const json = `<script type="application/json">${escapeJson(first)}</script>`;
  const pages = {
    '/fetched.html': page(`${widgetScript}</head><body>${host}</plugboard-connect></body>`),
    '/passed.html': page(`${widgetScript}</head><body>${host}${json}</plugboard-connect></body>`),
  };
  const front = await startPageServer(plugboard.url, pages);
  const shadow = await renderedShadow(browser, `${front.url}/fetched.html`, CARDS);
  pages['/static.html'] = page(`</head><body><div data-bench-host>${shadow}</div></body>`);
  const stop = async () => {
    await front.stop();
    await plugboard.stop();
  };
  const at = (path) => `${front.url}${path}`;
  const variants = bundles.map((file, index) => {
    pages[`/bundle-${index}.js`] = { br: brotliCompressSync(readFileSync(file)) };
    const script = `/bundle-${index}.js`;
    for (const kind of ['fetched', 'passed'])
      pages[`/${kind}-${index}.html`] = pages[`/${kind}.html`].replace('/widget/plugboard-connect.js', script);
    return { name: file, fetched: at(`/fetched-${index}.html`), passed: at(`/passed-${index}.html`) };
  });
  return { fetched: at('/fetched.html'), passed: at('/passed.html'), still: at('/static.html'), variants, stop };
}

/** The trace categories of DevTools' performance panel. */
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

/**
 * Self time by kind on the page's main thread between navigation start and `bench:painted`, in ms of the thread's
 * own CPU time (`tdur`: a slice preempted by another process on a busy machine does not count the wait), and the
 * span in wall-clock ms.
 */
function summarize(events) {
  const mark = events.find((event) => event.name === 'bench:painted');
  const main = events.filter((event) => event.pid === mark.pid && event.tid === mark.tid);
  const start = main.find((event) => event.name === 'navigationStart')?.ts ?? Math.min(...main.map((e) => e.ts));
  const end = mark.ts;
  const slices = main
    .filter((event) => event.ph === 'X' && event.tdur !== undefined && event.ts >= start && event.ts + event.dur <= end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = { span: (end - start) / 1000, cpu: 0 };
  const stack = [];
  const add = (kind, us) => {
    totals[kind] = (totals[kind] ?? 0) + us / 1000;
  };
  for (const slice of slices) {
    while (stack.length > 0 && stack.at(-1).ts + stack.at(-1).dur <= slice.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(parent.kind, -slice.tdur);
    else totals.cpu += slice.tdur / 1000;
    const kind = kindOf.get(slice.name) ?? parent?.kind ?? 'other';
    add(kind, slice.tdur);
    if (byName) {
      add(`#${slice.name}`, slice.tdur);
      if (parent) add(`#${parent.name}`, -slice.tdur);
    }
    stack.push({ ts: slice.ts, dur: slice.dur, kind, name: slice.name });
  }
  return totals;
}

/** One cold load of `url`, traced: its main thread's CPU ms by kind (see `summarize`) and its wall-clock span. */
export async function tracedPaint(browser, url) {
  return inFreshPage(browser, CARDS, async (page) => {
    await browser.startTracing(page, { categories: CATEGORIES });
    await painted(page, url);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    return summarize(trace.traceEvents);
  });
}

/** Headless Chromium as the benchmarks run it. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
