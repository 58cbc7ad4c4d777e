import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { type RunningDemo, startTestDemo } from './support/demo.js';
import { withDemo } from './support/with-demo.js';

const canaryKey = 'SG.e2e-canary-9f3b1c7d2e5a';

describe('the demo page in a real browser', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      // Connector icons live on the providers' own sites, which this offline machine cannot reach.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        consoleErrors.push(message.text());
      }
    });
    await page.goto(`${demo.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('renders one card per connector through a real connect session', async () => {
    const cards = page.locator('plugboard-connect [part~="card"]');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(5);
    const sendGrid = cards.filter({ hasText: 'SendGrid' });
    await expect.poll(() => sendGrid.textContent()).toContain('PERSONAL');
    expect(await sendGrid.getByRole('button', { name: /^Connect / }).isVisible()).toBe(true);
  });

  it('connects with an API key and the card changes to + Add Connection', async () => {
    const sendGrid = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'SendGrid' });
    await sendGrid.getByRole('button', { name: /^Connect / }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('API key').fill(canaryKey);
    await dialog.getByRole('button', { name: 'Connect' }).click();

    await expect.poll(() => sendGrid.getByRole('button', { name: /^Add Connection to / }).count()).toBe(1);
    await expect.poll(() => page.locator('#log').textContent()).toContain('plugboard:connected');
  });

  it('keeps the typed key out of the page, the event log, the server log and the database file', async () => {
    expect(await page.locator('#log').textContent()).not.toContain(canaryKey);
    expect(await page.content()).not.toContain(canaryKey);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toContain(canaryKey);
    expect(demo.logLines.join('\n')).not.toContain(canaryKey);
    const database = await readFile(join(demo.dataDir, 'plugboard.db'));
    const wal = await readFile(join(demo.dataDir, 'plugboard.db-wal')).catch(() => Buffer.alloc(0));
    expect(database.includes(canaryKey)).toBe(false);
    expect(wal.includes(canaryKey)).toBe(false);
  });

  it('shows another tenant none of the first tenant’s connections', async () => {
    await page.locator('#tenant').selectOption('initech');
    const sendGrid = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'SendGrid' });
    await expect.poll(() => sendGrid.getByRole('button', { name: /^Connect / }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});

describe('a custom auth connector on the demo page', () => {
  const context = withDemo();

  it('shows the handler’s form, puts a wrong password on its field, then connects', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.demo.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme Legacy' });
    await card.getByRole('button', { name: /^Connect / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Account').fill('acme');
    await dialog.getByLabel('Username').fill('demo');
    await dialog.getByLabel('Password').fill('not-the-password');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => dialog.getByText('Wrong username or password').count()).toBe(1);
    expect(await dialog.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Password').fill('demo');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => card.getByRole('button', { name: /^Add Connection to / }).count()).toBe(1);
  });
});
