import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { PlugboardAdmin } from '@plugboard/sdk';
import { Hono } from 'hono';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from '../docs/test/code-blocks.js';
import { launchChromium } from './support/browser.js';
import { cliPath, type ServeProcess, startPlugboardServe } from './support/plugboard-serve.js';

const quickstart = new URL('../docs/quickstart.md', import.meta.url);

/** The quickstart's embedding snippet, pointed at this server instead of plugboard.example.com. */
async function quickstartSnippet(plugboardUrl: string): Promise<string> {
  const html = codeBlocks(await readFile(quickstart, 'utf8'), 'quickstart.md').find((block) => block.lang === 'html');
  if (!html) throw new Error('docs/quickstart.md has no html block');
  return html.code.replaceAll('https://plugboard.example.com', plugboardUrl);
}

/** A vendor's app on its own loopback origin: the quickstart's page and the backend route it calls. */
function startVendorApp(page: string, mintToken: () => Promise<string>) {
  const app = new Hono();
  app.get('/', (c) => c.html(`<!doctype html><title>Vendor app</title><body>${page}</body>`));
  app.post('/api/plugboard-session', async (c) => c.json({ token: await mintToken() }));
  return new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
}

describe('the quickstart’s cross-origin embed against an installed plugboard serve', () => {
  let plugboard: ServeProcess;
  let vendor: { url: string; close: () => void };
  let browser: Browser;
  let admin: PlugboardAdmin;

  beforeAll(async () => {
    plugboard = await startPlugboardServe();
    let mint: () => Promise<string> = async () => '';
    vendor = await startVendorApp(await quickstartSnippet(plugboard.url), () => mint());
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cliPath, 'org', 'create', '--name', 'Your Company', '--origin', vendor.url],
      { env: plugboard.env },
    );
    admin = new PlugboardAdmin({ baseUrl: plugboard.url, secretKey: JSON.parse(stdout).secretKey });
    mint = async () => (await admin.connectSessions.create({ tenantId: 'customer-42', endUserId: 'user-7' })).token;
    await admin.connectors.create({ name: 'Stripe', authMethods: [{ kind: 'bearer', label: 'Secret key' }] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    vendor?.close();
    await plugboard?.close();
  });

  it('loads the widget script from the Plugboard server on another origin and renders the cards', async () => {
    const page = await browser.newPage();
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.url() === `${plugboard.url}/widget/plugboard-connect.js`) scripts.push(response);
    });
    await page.goto(`${vendor.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Stripe' });
    await expect.poll(() => card.getByRole('button', { name: /^Connect / }).count(), { timeout: 15_000 }).toBe(1);
    expect(scripts.map((response) => [response.status(), response.headers()['access-control-allow-origin']])).toEqual([
      [200, '*'],
    ]);
    await page.close();
  });
});
