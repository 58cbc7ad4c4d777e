import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { PlugboardAdmin } from '@plugboard/sdk';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { type RunningDemo, startTestDemo } from './support/demo.js';

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Builds an example app and serves it, with the vendor route that mints a session, on its own origin. */
async function serveExample(name: string, demo: RunningDemo, tenantId: string) {
  const outDir = await mkdtemp(join(tmpdir(), `plugboard-${name}-`));
  const root = new URL(`../examples/${name}/`, import.meta.url).pathname;
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    define: { 'import.meta.env.VITE_PLUGBOARD_URL': JSON.stringify(demo.url) },
    build: { outDir, emptyOutDir: true },
  });
  const admin = new PlugboardAdmin({ secretKey: demo.secretKey, baseUrl: demo.url });
  const app = new Hono();
  app.post('/api/plugboard-session', async (c) => {
    const session = await admin.connectSessions.create({ tenantId, endUserId: 'demo-user' });
    return c.json({ token: session.token });
  });
  app.get('/*', async (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const body = await readFile(join(outDir, path)).catch(() => null);
    if (!body) return c.notFound();
    return c.body(body, 200, { 'content-type': contentTypes[extname(path)] ?? 'application/octet-stream' });
  });
  const { url, close } = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
  // The example runs on another origin than Plugboard, as a vendor's app would: allow it.
  const organization = await admin.organization.get();
  await admin.organization.update({ allowedOrigins: [...organization.allowedOrigins, url] });
  return {
    url,
    async close() {
      close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

describe.each(['react', 'vue'])('<plugboard-connect> inside the %s example', (name) => {
  let demo: RunningDemo;
  let example: Awaited<ReturnType<typeof serveExample>>;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startTestDemo();
    example = await serveExample(name, demo, `${name}-tenant`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await example?.close();
    await demo?.close();
  });

  it('connects a no-auth connector across origins and tells the app through a DOM event', async () => {
    const page = await browser.newPage();
    await page.goto(`${example.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Open-Meteo' });
    await card.getByRole('button', { name: /^Connect / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();

    await expect.poll(() => card.getByRole('button', { name: /^Add Connection to / }).count()).toBe(1);
    await expect.poll(() => page.locator('#connected').textContent()).toContain('Open-Meteo');
  });
});
