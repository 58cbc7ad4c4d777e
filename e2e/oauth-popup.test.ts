import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { breakConnection, serverConnections } from './support/connections.js';
import { withDemo } from './support/with-demo.js';

/** Records every message event the page receives, to prove none carries a secret. */
const recordMessages = () => {
  const seen: unknown[] = [];
  (window as unknown as { __messages: unknown[] }).__messages = seen;
  window.addEventListener('message', (event) => seen.push({ origin: event.origin, data: event.data }));
};

/** Resolves once the page has received a message event whose data has this `flowId` (see `recordMessages`). */
const messageReceived = (page: Page, flowId: string) =>
  page.waitForFunction(
    (id) =>
      (window as unknown as { __messages: { data?: { flowId?: string } }[] }).__messages.some(
        (message) => message.data?.flowId === id,
      ),
    flowId,
  );

/** Resolves after the widget has asked the backend `count` more times how its OAuth flow stands. */
function flowPolls(page: Page, count: number) {
  let seen = 0;
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'GET' &&
      /\/v1\/session\/oauth\/flows\/[^/]+$/.test(new URL(response.url()).pathname) &&
      ++seen >= count,
    { timeout: 30_000 },
  );
}

/** How many connections a card says its tenant has. */
const connectionsOf = async (card: Locator) =>
  Number(/(\d+) connections?/.exec((await card.textContent()) ?? '')?.[1] ?? 0);

/** Starts a sign-in from a card (Connect or + Add Connection) and returns the provider's popup on its consent page. */
async function openSignIn(page: Page, name: string) {
  const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: name });
  await card.locator('[part~="action"]').click();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
  const popup = await popupOpened;
  await popup.getByRole('button', { name: 'Allow' }).waitFor();
  return { card, popup };
}

async function connectThroughPopup(page: Page, name = 'Acme CRM', { dwellPolls = 0 } = {}) {
  await page.locator('plugboard-connect [part~="card"]').first().waitFor();
  const { card, popup } = await openSignIn(page, name);
  const before = await connectionsOf(card);
  // An end user reads the consent page before allowing: the widget must keep asking the backend meanwhile
  // (one that gave up would stop polling, and this would time out), not give up.
  if (dwellPolls) await flowPolls(page, dwellPolls);
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect.poll(() => connectionsOf(card), { timeout: 15_000 }).toBe(before + 1);
  return card;
}

describe.each([
  ['without COOP', undefined],
  ['when the provider sends Cross-Origin-Opener-Policy: same-origin', 'same-origin' as const],
])('OAuth 2.0 popup sign-in %s', (_, coop) => {
  const context = withDemo({ sandboxCoop: coop });

  it('connects from the demo page, and no message carries a code or token', async () => {
    const page = await context.browser.newPage();
    await page.addInitScript(recordMessages);
    await page.goto(`${context.demo.url}/`);
    await connectThroughPopup(page);
    await expect.poll(() => page.locator('#log').textContent()).toContain('plugboard:connected');
    const messages = JSON.stringify(
      await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages),
    );
    expect(messages).not.toMatch(/sbx_at_|sbx_rt_|"code"|access_token/);
    expect(context.demo.sandbox.tokens.calls.authorization_code).toBe(1);
  });

  it('waits for an end user who takes their time on the consent page, with no false cancel', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.demo.url}/`);
    await connectThroughPopup(page, 'Acme CRM', { dwellPolls: 3 });
    expect(await page.locator('#log').textContent()).not.toContain('plugboard:cancelled');
  });

  it('ignores a forged success for the pending flow posted from another origin', async () => {
    const page = await context.browser.newPage();
    await page.addInitScript(recordMessages);
    await page.goto(`${context.demo.url}/`);
    await page.locator('plugboard-connect [part~="card"]').first().waitFor();
    const { card, popup } = await openSignIn(page, 'Acme CRM');
    const before = await connectionsOf(card);
    await expect.poll(() => page.locator('#log').textContent()).toContain('plugboard:auth-started');
    const flowId = /"flowId":\s*"([\w-]+)"/.exec((await page.locator('#log').textContent()) ?? '')?.[1];
    expect(flowId).toBeTruthy();
    await page.evaluate((id) => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script>parent.postMessage({ type: 'plugboard:oauth', flowId: '${id}', status: 'connected' }, '*')</script>`;
      document.body.append(frame);
    }, flowId);
    // The page has the forged message, and then the widget asked the backend again: it had its chance to
    // believe the message, and the flow is still pending.
    await messageReceived(page, flowId ?? '');
    await flowPolls(page, 1);
    expect(await connectionsOf(card)).toBe(before);
    expect(await page.locator('#log').textContent()).not.toContain('plugboard:connected');
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => connectionsOf(card), { timeout: 15_000 }).toBe(before + 1);
  });

  it('connects a connector that signs in with the organization’s managed OAuth app', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.demo.url}/`);
    await connectThroughPopup(page, 'Acme Helpdesk');
  });

  it('ignores a forged success posted from another origin', async () => {
    const page = await context.browser.newPage();
    await page.addInitScript(recordMessages);
    await page.goto(`${context.demo.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme CRM' });
    await card.waitFor();
    const before = await card.textContent();
    // A frame of another (opaque) origin posts a success as the callback page would.
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script>parent.postMessage({ type: 'plugboard:oauth', flowId: 'flw_forged', status: 'connected' }, '*')</script>`;
      document.body.append(frame);
    });
    await messageReceived(page, 'flw_forged');
    // A message the page posts itself after that one is handled after it, with whatever it set off.
    await page.evaluate(() => window.postMessage({ flowId: 'flw_later' }, window.location.origin));
    await messageReceived(page, 'flw_later');
    expect(await card.textContent()).toBe(before);
    expect(await page.locator('#log').textContent()).not.toContain('plugboard:connected');
  });
});

describe('OAuth 2.0 sign-in when the browser blocks the popup', () => {
  const context = withDemo();

  it('falls back to a full-page redirect and resumes on return, counting the new connection once', async () => {
    const page = await context.browser.newPage();
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(`${context.demo.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme CRM' });
    // Twice: from no connection (Connect), then from one (+ Add Connection), where N+2 used to show.
    for (const [button, expected] of [
      ['Connect Acme CRM', 1],
      ['Add Connection to Acme CRM', 2],
    ] as const) {
      await card.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
      await page.waitForURL(`${context.demo.sandboxUrl}/**`);
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${context.demo.url}/`);
      await expect.poll(() => page.locator('#log').textContent(), { timeout: 15_000 }).toContain('plugboard:connected');
      expect(await serverConnections(context.demo)).toHaveLength(expected);
      expect(await connectionsOf(card)).toBe(expected);
      expect(await card.getByRole('button', { name: /^Add Connection to / }).count()).toBe(1);
      expect(page.url()).not.toContain('plugboard-flow');
    }
  });
});

describe('A card with a connection that needs reauth', () => {
  const context = withDemo();

  it('offers Reconnect for the broken one and still + Add Connection beside it', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.demo.url}/`);
    await connectThroughPopup(page);
    const card = await connectThroughPopup(page);
    const [first] = await serverConnections(context.demo);
    await breakConnection(context.demo, first?.id ?? '');
    await page.reload();
    await expect.poll(() => card.locator('[part~="card-warning"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator('[part~="action"]').allTextContents()).toEqual(['Reconnect', '+ Add Connection']);

    // + Add Connection adds a third connection and leaves the broken one for Reconnect.
    await card.getByRole('button', { name: /^Add Connection to / }).click();
    expect(await page.getByRole('dialog', { name: 'Connect Acme CRM' }).count()).toBe(1);
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => connectionsOf(card), { timeout: 15_000 }).toBe(3);
    expect(await serverConnections(context.demo)).toHaveLength(3);
    expect(await card.locator('[part~="card-warning"]').count()).toBe(1);

    // Reconnect repairs the broken one in place: no new connection, and only + Add Connection is left.
    await card.getByRole('button', { name: 'Reconnect' }).click();
    const reconnectOpened = page.waitForEvent('popup');
    await page.getByRole('dialog', { name: 'Reconnect Acme CRM' }).getByRole('button', { name: 'Connect' }).click();
    await (await reconnectOpened).getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => card.locator('[part~="card-warning"]').count(), { timeout: 15_000 }).toBe(0);
    expect(await card.locator('[part~="action"]').allTextContents()).toEqual(['+ Add Connection']);
    expect((await serverConnections(context.demo)).map((connection) => connection.status)).toEqual([
      'active',
      'active',
      'active',
    ]);
    expect(await connectionsOf(card)).toBe(3);
  });
});
