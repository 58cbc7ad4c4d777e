import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type AxeFinding, axeViolations } from './support/axe.js';
import { breakConnection, serverConnections } from './support/connections.js';
import { withDemo } from './support/with-demo.js';

/** A host page that stays light whatever the system's scheme: the widget's states must paint their own surface. */
const LIGHT_HOST = ':root { color-scheme: light; } body { background: #fff; color: #111; }';

/** Holds every request matching `url` until `release` is called, so a state that lasts a moment can be checked. */
async function hold(page: Page, url: string | RegExp) {
  const held: Route[] = [];
  let arrived: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  await page.route(url, (route) => {
    held.push(route);
    arrived();
  });
  return {
    first,
    async release() {
      await page.unroute(url);
      await Promise.all(held.map((route) => route.fallback()));
    },
  };
}

/**
 * Serves the demo page without the first cards it comes with, so the widget fetches them and its loading state can
 * be seen.
 */
async function withoutPassedCards(page: Page, url: string) {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script type="application\/json">.*?<\/script>/s, '');
    await route.fulfill({ response, body });
  });
}

/**
 * Walks the widget through every state a person can see on the demo page, in one colour scheme, and returns what
 * axe found broken in each, by state (an empty object when nothing is).
 */
async function walkStates(browserContext: BrowserContext, demo: ReturnType<typeof withDemo>['demo']) {
  const found: Record<string, AxeFinding[]> = {};
  const page = await browserContext.newPage();
  const check = async (state: string) => {
    const violations = await axeViolations(page);
    if (violations.length > 0) found[state] = violations;
  };
  const widget = page.locator('plugboard-connect');
  const card = (name: string) => widget.locator('[part~="card"]').filter({ hasText: name });
  const dialog = page.getByRole('dialog');
  const open = async (name: string) => {
    await card(name).locator('[part~="action"]').last().click();
    await dialog.waitFor();
  };
  const close = async () => {
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  };

  const loading = await hold(page, /\/v1\/session\/connectors/);
  await withoutPassedCards(page, `${demo.url}/`);
  await page.goto(`${demo.url}/`);
  await loading.first;
  await widget.locator('[aria-busy="true"]').waitFor();
  await check('loading');
  await loading.release();
  await card('SendGrid').waitFor();
  await check('cards');

  // One dialog per kind of auth: none, basic, bearer, API key in a header and in a query, a choice of methods,
  // a custom handler and OAuth 2.0.
  for (const name of ['Open-Meteo', 'Jira Cloud', 'Stripe', 'SendGrid', 'OpenWeather', 'GitHub', 'Acme Legacy']) {
    if ((await card(name).count()) === 0) continue;
    await open(name);
    await check(`dialog of ${name}`);
    await close();
  }

  await open('SendGrid');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await dialog.locator('[part~="field-error"], [part~="form-error"]').first().waitFor();
  await check('validation error');
  await close();

  const creating = await hold(page, /\/v1\/session\/connections$/);
  await open('Stripe');
  await dialog.getByLabel('Token').fill('sk_test_accessibility');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await creating.first;
  await dialog.getByRole('button', { name: 'Connecting…' }).waitFor();
  await check('submitting');
  await creating.release();
  await dialog.waitFor({ state: 'detached' });
  await widget.getByText('Stripe is connected.').waitFor({ state: 'attached' });
  await check('connected');

  await open('Acme CRM');
  await check('dialog of Acme CRM (OAuth 2.0)');
  const popupOpened = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  const popup = await popupOpened;
  await dialog.getByRole('button', { name: 'Waiting for you to finish signing in…' }).waitFor();
  await check('OAuth waiting');
  await popup.close();
  await dialog.getByText('The sign-in window has closed.', { exact: false }).waitFor();
  await check('popup closed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Made once: the second scheme finds the broken connection the first one left.
  if ((await card('Acme CRM').locator('[part~="card-warning"]').count()) === 0)
    await reauthState(page, card('Acme CRM'), demo);
  await check('needs reauth');

  await widget.evaluate((element) => element.setAttribute('connectors', 'no-such-connector'));
  await widget.getByText('No integrations are available yet.').waitFor();
  await check('empty');

  for (const host of ['page', 'light page']) {
    await page.route(/\/v1\/session\/connectors/, (route) => route.abort());
    await page.reload();
    if (host === 'light page') await page.addStyleTag({ content: LIGHT_HOST });
    await widget.getByRole('alert').waitFor();
    await check(`load error on the ${host}`);
    await page.unroute(/\/v1\/session\/connectors/);

    // A token the server no longer takes, and a vendor backend that mints no new one (the person signed out).
    await widget.evaluate((node) => {
      const element = node as HTMLElement & { sessionToken?: string; fetchSessionToken?: () => Promise<string> };
      element.sessionToken = 'pb_cs_expired';
      element.fetchSessionToken = () => Promise.reject(new Error('signed out'));
    });
    await widget.getByText('Your session has expired', { exact: false }).waitFor();
    await check(`session expired on the ${host}`);
  }

  const loadingLight = await hold(page, /\/v1\/session\/connectors/);
  await page.reload();
  await page.addStyleTag({ content: LIGHT_HOST });
  await loadingLight.first;
  await widget.locator('[aria-busy="true"]').waitFor();
  await check('loading on the light page');
  await loadingLight.release();
  await page.close();
  return found;
}

/** Connects Acme CRM through its popup, then has the provider refuse that grant, so the card asks to Reconnect. */
async function reauthState(page: Page, acme: Locator, demo: ReturnType<typeof withDemo>['demo']) {
  const before = (await serverConnections(demo)).length;
  await acme.locator('[part~="action"]').last().click();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('dialog').getByRole('button', { name: 'Connect', exact: true }).click();
  await (await popupOpened).getByRole('button', { name: 'Allow' }).click();
  await expect.poll(async () => (await serverConnections(demo)).length, { timeout: 15_000 }).toBe(before + 1);
  const newest = (await serverConnections(demo)).find((connection) => connection.status === 'active');
  await breakConnection(demo, newest?.id ?? '');
  await page.reload();
  await acme.locator('[part~="card-warning"]').waitFor();
}

describe('the widget has no WCAG 2.2 A/AA violation in any state (axe-core)', () => {
  const context = withDemo();
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((browserContext) => browserContext.close()));
  });

  it.each(['light', 'dark'] as const)('in the %s colour scheme', async (colorScheme) => {
    const browserContext = await context.browser.newContext({ colorScheme, viewport: { width: 1100, height: 900 } });
    contexts.push(browserContext);
    expect(await walkStates(browserContext, context.demo)).toEqual({});
  });
});
