import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDemo } from './support/with-demo.js';

/**
 * Screenshots for docs/console.md, taken by these tests from the real console. They land in .tmp/screenshots so a
 * test run leaves the work tree clean; `PLUGBOARD_UPDATE_SCREENSHOTS=1` writes them over docs/images instead.
 */
const screenshots = new URL(
  process.env.PLUGBOARD_UPDATE_SCREENSHOTS === '1' ? '../docs/images/' : '../.tmp/screenshots/',
  import.meta.url,
);
const shoot = (page: Page, name: string, { fullPage = true } = {}) =>
  page.screenshot({ path: new URL(`console-${name}.png`, screenshots).pathname, fullPage });

const canaryKey = 'console-canary-5d1e9a7c3b';

describe('the admin console in a real browser', () => {
  const context = withDemo();
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  it('refuses a wrong password inline, then signs the demo member in', async () => {
    await page.goto(context.demo.consoleUrl);
    await page.getByLabel('Email').fill(context.demo.consoleEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Email or password is wrong').count()).toBeGreaterThan(0);
    await shoot(page, 'sign-in');

    await page.getByLabel('Password').fill(context.demo.consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: '+ Create' }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'plugboard_console')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it('shows the organization’s connectors as the widget’s cards', async () => {
    const cards = page.getByTestId('connector-cards').locator('[part~="card"]');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(5);
    await shoot(page, 'connectors');
  });

  it('creates a connector through the dialog with two auth methods, the second the default', async () => {
    await page.getByRole('button', { name: '+ Create' }).click();
    const dialog = page.getByTestId('create-connector-dialog');
    await dialog.getByTestId('connector-name').fill('Zeta Billing');
    expect(await dialog.getByTestId('connector-slug').inputValue()).toBe('zeta-billing');
    await dialog.getByTestId('connector-description').fill('Invoices and payments from Zeta.');
    await dialog.getByTestId('connector-domain').fill('zeta.example');
    await dialog.getByTestId('connector-icon-url').fill('http://zeta.example/icon.png');

    // Nothing is saved while the form is invalid: the http icon is refused on its field.
    await dialog.getByTestId('connector-save').click();
    await expect.poll(() => dialog.getByTestId('error-iconUrl').count()).toBe(1);
    await dialog.getByTestId('connector-icon-url').fill('');

    await dialog.getByTestId('auth-kind-select').selectOption('apiKey');
    await dialog.getByTestId('add-auth-method').click();
    await dialog.getByTestId('auth-kind-select').selectOption('bearer');
    await dialog.getByTestId('add-auth-method').click();
    await dialog.getByTestId('method-0-name').fill('X-Zeta-Key');
    await dialog.getByTestId('default-method-1').check();
    await shoot(page, 'create-connector', { fullPage: false });
    await dialog.getByTestId('connector-save').click();

    const card = page.getByTestId('connector-cards').locator('[part~="card"]').filter({ hasText: 'Zeta Billing' });
    await card.waitFor();
    expect(await card.textContent()).toContain('PERSONAL');
    expect(await card.textContent()).toContain('Created by: You');
    expect(await card.getByRole('button', { name: /^Connect / }).count()).toBe(1);
  });

  it('makes the connector public on its settings page', async () => {
    const card = page.getByTestId('connector-cards').locator('[part~="card"]').filter({ hasText: 'Zeta Billing' });
    await card.getByRole('link', { name: 'Settings of Zeta Billing' }).click();
    await page.getByTestId('visibility-public').check();
    await page.getByTestId('connector-save').click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('Zeta Billing was saved.');
    await shoot(page, 'connector-settings');

    const { connectors } = await adminConnectors(context.demo.url, context.demo.secretKey);
    const zeta = connectors.find((connector) => connector.name === 'Zeta Billing');
    expect(zeta).toMatchObject({ visibility: 'public', slug: 'zeta-billing' });
    expect(zeta?.authMethods.map((method) => [method.kind, method.isDefault])).toEqual([
      ['apiKey', false],
      ['bearer', true],
    ]);
  });

  it('adds a test connection from the card, and the card changes to + Add Connection', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connectors', exact: true }).click();
    const card = page.getByTestId('connector-cards').locator('[part~="card"]').filter({ hasText: 'Zeta Billing' });
    expect(await card.textContent()).not.toContain('PERSONAL');
    await card.getByRole('button', { name: /^Connect / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('How to sign in').selectOption({ label: 'API key' });
    await dialog.getByLabel('API key').fill(canaryKey);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => card.getByRole('button', { name: /^Add Connection to / }).count()).toBe(1);
  });

  it('lists the connection in Connections with its credentials masked', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connections', exact: true }).click();
    const row = page.getByTestId('connection-row').filter({ hasText: 'Zeta Billing' });
    await row.waitFor();
    expect(await row.getByTestId('connection-status').textContent()).toBe('Active');
    const masked = (await row.getByTestId('masked-credentials').textContent()) ?? '';
    expect(masked).toContain(canaryKey.slice(-4));
    expect(await page.content()).not.toContain(canaryKey);
    await shoot(page, 'connections');
  });

  it('never writes the typed key to the server log', () => {
    expect(context.demo.logLines.join('\n')).not.toContain(canaryKey);
    expect(pageErrors).toEqual([]);
  });

  it('lists managed OAuth apps with the connectors that use them', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'OAuth Apps', exact: true }).click();
    await expect.poll(() => page.getByText('Acme Helpdesk').count()).toBeGreaterThan(0);
    await shoot(page, 'oauth-apps');
  });

  it('connects Acme CRM through its OAuth popup and runs Test on an action with that connection', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connectors', exact: true }).click();
    const card = page.getByTestId('connector-cards').locator('[part~="card"]').filter({ hasText: 'Acme CRM' });
    await card.getByRole('button', { name: /^Connect / }).click();
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(() => card.getByRole('button', { name: /^Add Connection to / }).count(), { timeout: 15_000 })
      .toBe(1);

    await card.getByRole('link', { name: 'Settings of Acme CRM' }).click();
    await page.getByTestId('tab-actions').click();
    const row = page.locator('[data-testid="action-row"][data-action-key="get-contact"]');
    await row.getByTestId('test-action').click();
    const dialog = page.getByTestId('test-action-dialog');
    await dialog.getByTestId('action-input-id').fill('c_1');
    await dialog.getByTestId('run-action').click();
    await expect.poll(() => dialog.getByTestId('action-result-outcome').textContent()).toBe('Passed');
    expect(await dialog.getByTestId('action-request').textContent()).toContain('/contacts/c_1');
    const requestHeaders = (await dialog.getByTestId('action-request-headers').textContent()) ?? '';
    expect(requestHeaders).not.toMatch(/sbx_at_/);
    await shoot(page, 'test-action', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('action-last-test').textContent()).toContain('Passed');
  });

  it('builds a HubSpot connector with Build with AI: live log, review, then Create', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connectors', exact: true }).click();
    await page.getByTestId('build-with-ai').click();
    await page.getByTestId('agent-quick-hubspot').click();
    const status = page.getByTestId('agent-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting_review');
    expect(await page.getByTestId('agent-log').textContent()).toContain('HubSpot');
    const review = page.getByTestId('agent-review');
    expect(await review.textContent()).toMatch(/OAuth/);
    await shoot(page, 'build-with-ai', { fullPage: false });
    await page.getByTestId('agent-continue').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    await page.getByTestId('agent-create').click();
    await page.waitForURL(/\/console\/connectors\/[^/]+$/);
    expect(await page.getByTestId('connector-name').inputValue()).toContain('HubSpot');

    const { connectors } = await adminConnectors(context.demo.url, context.demo.secretKey);
    const hubspot = connectors.find((connector) => connector.name.includes('HubSpot'));
    expect(hubspot?.authMethods.map((method) => method.kind)).toContain('oauth2');
  });

  it('fits a 360 px wide screen in the dark', async () => {
    const phone = await context.browser.newPage({ viewport: { width: 360, height: 780 }, colorScheme: 'dark' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(context.demo.consoleUrl);
    await phone.getByRole('button', { name: '+ Create' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(phone, 'mobile-dark', { fullPage: false });
    await phone.close();
  });
});

interface AdminConnector {
  name: string;
  slug: string;
  visibility: string;
  authMethods: { kind: string; isDefault: boolean }[];
}

/** What the API says, through the vendor's secret key rather than the console. */
async function adminConnectors(baseUrl: string, secretKey: string) {
  const response = await fetch(`${baseUrl}/v1/connectors?scope=own&limit=200`, {
    headers: { authorization: `Bearer ${secretKey}` },
  });
  const { data } = (await response.json()) as { data: AdminConnector[] };
  return { connectors: data };
}
