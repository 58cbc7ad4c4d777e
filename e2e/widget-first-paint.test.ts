import { PlugboardAdmin } from '@plugboard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withDemo } from './support/with-demo.js';

/** Opens the demo page, recording the path of every request it makes to the demo's own origin. */
async function openDemo(page: Page, url: string) {
  const paths: string[] = [];
  page.on('request', (request) => {
    const requested = new URL(request.url());
    if (requested.origin === new URL(url).origin) paths.push(requested.pathname);
  });
  await page.goto(`${url}/`);
  return paths;
}

const cardNames = (page: Page) => page.locator('plugboard-connect [part~="card-name"]').allTextContents();

describe('the demo page’s first paint', () => {
  const context = withDemo();

  it('paints the cards the page came with: no token or card request before, and one ready event', async () => {
    const page = await context.browser.newPage();
    const paths = await openDemo(page, context.demo.url);
    await expect.poll(async () => (await cardNames(page)).length).toBeGreaterThanOrEqual(5);
    expect(await cardNames(page)).toContain('SendGrid');
    await expect.poll(() => page.locator('#log').textContent()).toContain('plugboard:ready');
    expect(paths).not.toContain('/demo/session');
    expect(paths).not.toContain('/v1/session/connectors');
    expect(paths).not.toContain('/v1/session/bootstrap');
    expect((await page.locator('#log').textContent())?.match(/plugboard:ready/g)).toHaveLength(1);
    await page.close();
  });

  it('asks for a new session and its cards when the user switches company', async () => {
    const page = await context.browser.newPage();
    const paths = await openDemo(page, context.demo.url);
    await expect.poll(async () => (await cardNames(page)).length).toBeGreaterThanOrEqual(5);
    await page.locator('#tenant').selectOption('initech');
    await expect.poll(() => paths.includes('/v1/session/connectors')).toBe(true);
    expect(paths).toContain('/demo/session');
    await expect
      .poll(() =>
        page
          .locator('#log')
          .textContent()
          .then((log) => log?.match(/plugboard:ready/g)?.length),
      )
      .toBe(2);
    await page.close();
  });

  it('shows a connector name that looks like markup as text, whole, in the passed cards', async () => {
    const name = '</script><b id="injected">Bold</b>';
    const admin = new PlugboardAdmin({ baseUrl: context.demo.url, secretKey: context.demo.secretKey });
    await admin.connectors.create({ name, authMethods: [{ kind: 'apiKey', name: 'X-Key' }] });
    const page = await context.browser.newPage();
    const paths = await openDemo(page, context.demo.url);
    await expect.poll(() => cardNames(page)).toContain(name);
    expect(paths).not.toContain('/v1/session/connectors');
    expect(await page.locator('#injected').count()).toBe(0);
    await page.close();
  });
});
