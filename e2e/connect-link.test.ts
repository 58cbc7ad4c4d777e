import { type ConnectLinkCreate, PlugboardAdmin } from '@plugboard/sdk';
import { describe, expect, it } from 'vitest';
import type { RunningDemo } from './support/demo.js';
import { withDemo } from './support/with-demo.js';

/** Mints a connect link as the vendor's backend does: the SDK with its secret key. */
function mintLink(demo: RunningDemo, body: Partial<ConnectLinkCreate>) {
  const admin = new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey });
  return admin.connectLinks.create({ tenantId: 'globex', endUserId: 'dana', endUserName: 'Dana Demo', ...body });
}

describe('a connect link opened in a real browser', () => {
  const context = withDemo();

  it('connects an API-key and an OAuth connector on a phone, shows the done state and goes back', async () => {
    const { demo, browser } = context;
    const returnUrl = `${demo.url}/?from=connect-link`;
    const link = await mintLink(demo, { connectors: ['acme-billing', 'acme-crm'], returnUrl });
    const token = new URL(link.url).hash.slice(1);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on(
      'response',
      (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`),
    );

    await page.goto(link.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Acme');
    expect(page.url()).toBe(`${demo.url}/connect`);
    expect(await page.evaluate(() => location.href)).not.toContain(token);
    const cards = page.locator('plugboard-connect [part~="card"]');
    await expect.poll(() => cards.count()).toBe(2);

    // The API-key connector, by keyboard only.
    const billing = cards.filter({ hasText: 'Acme Billing' });
    await billing.getByRole('button', { name: /^Connect / }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('API key').waitFor();
    await page.keyboard.type('acme-billing-e2e-key');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#done').isVisible()).toBe(true);
    expect(await page.locator('#done').textContent()).toContain('Acme Billing');

    // The OAuth connector, through the sandbox's popup.
    const crm = cards.filter({ hasText: 'Acme CRM' });
    await crm.getByRole('button', { name: /^Connect / }).click();
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => page.locator('#done').textContent(), { timeout: 15_000 }).toContain('Acme CRM');

    const connections = await fetch(`${demo.url}/v1/connections?tenantId=globex&limit=200`, {
      headers: { authorization: `Bearer ${demo.secretKey}` },
    });
    const slugs = ((await connections.json()) as { data: { connectorSlug: string }[] }).data.map(
      (c) => c.connectorSlug,
    );
    expect(slugs.sort()).toEqual(['acme-billing', 'acme-crm']);

    // Fits a 360 px screen, and everything the page loaded came from the Plugboard server itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(requested.filter((url) => new URL(url).origin !== demo.url)).toEqual([]);
    expect(requested.join('\n')).not.toContain(token);
    expect(problems).toEqual([]);

    // A reload (or the full-page OAuth redirect coming back) keeps the tab's session without the token.
    await page.reload();
    await expect.poll(() => cards.count()).toBe(2);
    expect(page.url()).toBe(`${demo.url}/connect`);

    const back = page.getByRole('link', { name: /back to/i });
    expect(await back.getAttribute('href')).toBe(returnUrl);
    await back.click();
    await page.waitForURL(returnUrl);
    await page.close();
  });

  it('falls back to a full-page OAuth redirect when the popup is blocked, and comes back to the done state', async () => {
    const { demo, browser } = context;
    const link = await mintLink(demo, { tenantId: 'initech', connectors: ['acme-crm'] });
    const token = new URL(link.url).hash.slice(1);
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(link.url);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme CRM' });
    await card.getByRole('button', { name: /^Connect / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL(`${demo.sandboxUrl}/**`);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${demo.url}/connect`);
    await expect.poll(() => page.locator('#done').textContent(), { timeout: 15_000 }).toContain('Acme CRM');
    expect(page.url()).not.toContain(token);
    const admin = new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey });
    const { data } = await admin.connections.list({ tenantId: 'initech', connector: 'acme-crm' });
    expect(data).toHaveLength(1);
    await page.close();
  });

  it('says so when the link was revoked, and shows no widget', async () => {
    const { demo, browser } = context;
    const link = await mintLink(demo, {});
    await new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey }).connectLinks.revoke(link.id);
    const page = await browser.newPage();
    await page.goto(link.url);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('cancelled');
    expect(await page.locator('plugboard-connect').isVisible()).toBe(false);
    expect(page.url()).toBe(`${demo.url}/connect`);
    await page.close();
  });
});
