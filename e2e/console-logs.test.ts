import { PlugboardAdmin } from '@plugboard/sdk';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { withDemo } from './support/with-demo.js';

/** The demo's Acme Billing key (public in its description); no call log entry may show it. */
const BILLING_KEY = 'sbx_key_demo_4f2a9c';
const QUERY_SECRET = 'query-value-7c1e4b';

describe('call logs: the API, the SDK and the console Logs page show a test’s calls', () => {
  const context = withDemo();
  let page: Page;
  let admin: PlugboardAdmin;
  const connections: Record<string, string> = {};

  beforeAll(async () => {
    const { demo } = context;
    admin = new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey });
    for (const tenantId of ['logs-tenant-a', 'logs-tenant-b']) {
      const { token } = await admin.connectSessions.create({ tenantId, endUserId: 'logs-user' });
      const created = await fetch(`${demo.url}/v1/session/connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ connector: 'acme-billing', credentials: { apiKey: BILLING_KEY } }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      connections[tenantId] = ((await created.json()) as { id: string }).id;
    }
    const invoices = await admin.actions.proxy({
      connectionId: connections['logs-tenant-a'] ?? '',
      method: 'GET',
      path: '/invoices',
      query: { status: QUERY_SECRET },
    });
    expect(invoices.status).toBe(200);
    const missing = await admin.actions.proxy({
      connectionId: connections['logs-tenant-b'] ?? '',
      method: 'GET',
      path: '/no-such-thing',
    });
    expect(missing.status).toBe(404);
    page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it('lists the calls through the SDK with filters, never a query value or the key', async () => {
    const all = await expect
      .poll(async () => (await admin.logs.list({ connector: 'acme-billing' })).data, { timeout: 5000 })
      .toHaveLength(2)
      .then(() => admin.logs.list({ connector: 'acme-billing' }));
    expect(all.data.map((entry) => [entry.tenantId, entry.kind, entry.path, entry.status])).toEqual([
      ['logs-tenant-b', 'proxy', '/keyed/no-such-thing', 404],
      ['logs-tenant-a', 'proxy', '/keyed/invoices', 200],
    ]);
    expect((await admin.logs.list({ tenantId: 'logs-tenant-a' })).data).toHaveLength(1);
    expect((await admin.logs.list({ status: '4xx', connector: 'acme-billing' })).data[0]?.tenantId).toBe(
      'logs-tenant-b',
    );
    const text = JSON.stringify(all);
    expect(text).not.toContain(QUERY_SECRET);
    expect(text).not.toContain(BILLING_KEY);
  });

  it('shows the calls on the Logs page, filters them by tenant and result, and opens one call’s details', async () => {
    const { demo } = context;
    await page.goto(demo.consoleUrl);
    await page.getByLabel('Email').fill(demo.consoleEmail);
    await page.getByLabel('Password').fill(demo.consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Logs', exact: true }).click();
    const rows = page.getByTestId('call-log-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getByTestId('call-log-tenant').textContent()).toBe('logs-tenant-b');
    expect(await rows.nth(0).getByTestId('call-log-outcome').textContent()).toBe('404');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('filter-log-tenant').fill('logs-tenant-a');
    await page.getByTestId('filter-log-tenant').press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('call-log-target').textContent()).toContain('/keyed/invoices');
    await page.getByTestId('filter-log-tenant').fill('');
    await page.getByTestId('filter-log-tenant').press('Enter');
    await page.getByTestId('filter-log-status').selectOption('4xx');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('call-log-tenant').textContent()).toBe('logs-tenant-b');
    await page.getByTestId('filter-log-status').selectOption('');
    await expect.poll(() => rows.count()).toBe(2);

    await rows.nth(1).getByTestId('call-log-details').click();
    const detail = page.getByTestId('call-log-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('detail-path').textContent()).toBe('/keyed/invoices');
    expect(await detail.getByTestId('detail-status').textContent()).toBe('200');
    expect(await detail.getByTestId('detail-request-id').textContent()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.content()).not.toContain(QUERY_SECRET);
    await page.keyboard.press('Escape');
  });

  it('adds a new call to the table while Live tail is on', async () => {
    const rows = page.getByTestId('call-log-row');
    await page.getByTestId('live-tail').check();
    await admin.actions.proxy({ connectionId: connections['logs-tenant-a'] ?? '', method: 'GET', path: '/status' });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    expect(await rows.first().getByTestId('call-log-target').textContent()).toContain('/keyed/status');
    await page.getByTestId('live-tail').uncheck();
  });

  it("shows one connection's calls from its row on the Connections page", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connections', exact: true }).click();
    const row = page.locator(`[data-connection-id="${connections['logs-tenant-b']}"]`);
    await row.getByTestId('connection-log-button').click();
    const dialog = page.getByTestId('connection-log');
    await expect.poll(() => dialog.getByTestId('call-log-row').count()).toBe(1);
    expect(await dialog.getByTestId('call-log-target').textContent()).toContain('/keyed/no-such-thing');
  });
});
