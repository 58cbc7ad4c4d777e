// The pages of the paint benchmark and what measures them, shared by paint.mjs (the ratios) and paint-profile.mjs
// (where the main thread's time goes): 200 cards on a Plugboard server, the widget's pages, their static twins.
import { Agent, createServer, request } from 'node:http';
import { chromium } from 'playwright-core';
import { createOrganization, freshDatabase, startPlugboard } from '../../server/bench/http/harness.mjs';
import { api, createApiKeyConnector } from '../../server/bench/http/seed.mjs';

export const CARDS = 200;

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
 * @param {Record<string, string>} pages
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startPageServer(upstreamUrl, pages) {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, outgoing) => {
    const html = pages[new URL(incoming.url ?? '/', 'http://page').pathname];
    if (html !== undefined) {
      outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      outgoing.end(html);
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
 * without the widget). `stop()` stops both servers.
 */
export async function twoHundredCardPages(browser) {
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
  return { fetched: at('/fetched.html'), passed: at('/passed.html'), still: at('/static.html'), stop };
}

/** Headless Chromium as the benchmarks run it. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
