import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type AxeFinding, axeViolations } from './support/axe.js';
import type { RunningDemo } from './support/demo.js';
import { withDemo } from './support/with-demo.js';

/** The id of one of the demo organization's connectors, through the vendor's secret key. */
async function connectorId(demo: RunningDemo, slug: string) {
  const response = await fetch(`${demo.url}/v1/connectors?scope=own&limit=200`, {
    headers: { authorization: `Bearer ${demo.secretKey}` },
  });
  const { data } = (await response.json()) as { data: { id: string; slug: string }[] };
  return data.find((connector) => connector.slug === slug)?.id ?? '';
}

/**
 * Signs in and visits every console page, opening each dialog once, in one colour scheme; returns what axe found
 * broken on each, by page or dialog (an empty object when nothing is).
 */
async function walkConsole(browserContext: BrowserContext, demo: RunningDemo) {
  const found: Record<string, AxeFinding[]> = {};
  const page = await browserContext.newPage();
  const check = async (what: string) => {
    const violations = await axeViolations(page);
    if (violations.length > 0) found[what] = violations;
  };
  const inDialog = async (what: string, trigger: Locator, dialog: Locator = page.getByRole('dialog')) => {
    await trigger.click();
    await dialog.waitFor();
    await check(what);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  };
  const visit = async (path: string, ready: (page: Page) => Locator) => {
    await page.goto(`${demo.consoleUrl}${path}`);
    await ready(page).first().waitFor();
    await check(path || '/');
  };

  await page.goto(demo.consoleUrl);
  await page.getByLabel('Email').fill(demo.consoleEmail);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Email or password is wrong').first().waitFor();
  await check('sign-in with an error');
  await page.getByLabel('Password').fill(demo.consolePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: '+ Create' }).waitFor();

  await visit('/connectors', (p) => p.getByTestId('connector-cards').locator('[part~="card"]'));
  await inDialog('create connector dialog', page.getByRole('button', { name: '+ Create' }));
  const sendGrid = page.getByTestId('connector-cards').locator('[part~="card"]').filter({ hasText: 'SendGrid' });
  await inDialog('test connection dialog', sendGrid.locator('[part~="action"]').last());

  const acme = await connectorId(demo, 'acme-crm');
  await visit(`/connectors/${acme}`, (p) => p.getByTestId('delete-connector'));
  await inDialog('delete connector dialog', page.getByTestId('delete-connector'));
  await visit(`/connectors/${acme}/actions`, (p) => p.getByTestId('action-row'));
  await inDialog('test action dialog', page.getByTestId('test-action').first());

  await visit('/connectors/build', (p) => p.getByTestId('agent-quick-hubspot'));
  await visit('/connections', (p) => p.getByRole('heading', { level: 1 }));
  await visit('/settings/oauth-apps', (p) => p.getByTestId('add-oauth-app'));
  await inDialog('OAuth app dialog', page.getByTestId('add-oauth-app'));
  await visit('/settings/webhooks', (p) => p.getByTestId('add-endpoint'));
  await inDialog('webhook endpoint dialog', page.getByTestId('add-endpoint'));
  await visit('/mcp', (p) => p.getByTestId('mint-mcp-token'));
  await visit('/logs', (p) => p.getByTestId('live-tail'));
  await page.close();
  return found;
}

describe('the admin console has no WCAG 2.2 A/AA violation on any page or dialog (axe-core)', () => {
  const context = withDemo();
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((browserContext) => browserContext.close()));
  });

  it.each(['light', 'dark'] as const)('in the %s colour scheme', async (colorScheme) => {
    const browserContext = await context.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    contexts.push(browserContext);
    expect(await walkConsole(browserContext, context.demo)).toEqual({});
  });
});
