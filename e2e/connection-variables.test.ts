import { PlugboardAdmin } from '@plugboard/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { withDemo } from './support/with-demo.js';

/**
 * A per-customer API: the sandbox, reached as http://127.0.0.1:{port}, where the end user types the port as they
 * would type their shop or subdomain. Only the sandbox's own port is on the demo's egress allowlist, so any other
 * value makes a host the server refuses.
 */
describe('connection variables in a real browser', () => {
  const context = withDemo();
  let admin: PlugboardAdmin;
  let port: string;
  beforeAll(async () => {
    ({ admin, port } = await createConnectors());
  });

  async function createConnectors() {
    const { demo } = context;
    const admin = new PlugboardAdmin({ baseUrl: demo.url, secretKey: demo.secretKey });
    const port = new URL(demo.sandboxUrl).port;
    const base = 'http://127.0.0.1:{port}';
    // The example fills the URLs when the connector is saved, which must pass the egress policy too.
    const variables = [
      { name: 'port', label: 'Site port', example: port, pattern: '[0-9]+', description: 'Where your site answers' },
    ];
    const actions = [{ key: 'me', name: 'Who am I', method: 'GET' as const, path: '/me' }];
    await admin.connectors.create({
      name: 'Acme Regional',
      slug: 'acme-regional',
      apiBaseUrl: `${base}/api`,
      variables,
      authMethods: [
        {
          kind: 'oauth2',
          authorizationUrl: `${base}/oauth/authorize`,
          tokenUrl: `${base}/oauth/token`,
          issuer: demo.sandboxUrl,
          scopes: ['profile'],
          clientId: 'plugboard-demo',
          clientSecret: 'acme-sandbox-demo-secret',
        },
      ],
      actions,
    });
    await admin.connectors.create({
      name: 'Acme Keyed',
      slug: 'acme-keyed',
      apiBaseUrl: `${base}/keyed`,
      variables,
      authMethods: [{ kind: 'apiKey', in: 'header', name: 'X-API-Key' }],
      actions: [{ key: 'status', name: 'Status', method: 'GET', path: '/status' }],
    });
    return { admin, port };
  }

  it('asks for the site in the widget, refuses a bad one, and signs in at the authorize URL of the one typed', async () => {
    const { demo, browser } = context;
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme Regional' });
    await card.getByRole('button', { name: /^Connect / }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByRole('textbox', { name: 'Site port' });
    expect(await field.getAttribute('placeholder')).toBe(port);
    expect(await field.getAttribute('aria-required')).toBe('true');

    // An ill-formed value: a clear message on the field, read out with it, and no sign-in window.
    let popups = 0;
    page.on('popup', () => popups++);
    await field.fill('4401@evil.example');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const message = `Site port does not look right: enter something like ${port}.`;
    await expect.poll(() => dialog.getByText(message).isVisible()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await expect
      .poll(() => field.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input))
      .toBe(true);
    expect(popups).toBe(0);

    await field.fill(port);
    const popupOpened = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const popup = await popupOpened;
    await popup.waitForURL(`${demo.sandboxUrl}/oauth/authorize?**`);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(() => card.getByRole('button', { name: /^Add Connection to / }).count(), { timeout: 15_000 })
      .toBe(1);

    const { data } = await admin.connections.list({ connector: 'acme-regional' });
    expect(data.map((connection) => connection.variables)).toEqual([{ port }]);
    const me = await admin.actions.run({ connectionId: data[0]?.id ?? '', action: 'me' });
    expect(me.status).toBe(200);
    expect(me.request.url).toBe(`${demo.sandboxUrl}/api/me`);
    await page.close();
  });

  it('asks for the site on the connect-link page, shows a refused host on the field, and connects', async () => {
    const { browser } = context;
    const link = await admin.connectLinks.create({ tenantId: 'hooli', endUserId: 'erin', connectors: ['acme-keyed'] });
    const page = await browser.newPage();
    await page.goto(link.url);
    const card = page.locator('plugboard-connect [part~="card"]').filter({ hasText: 'Acme Keyed' });
    await card.getByRole('button', { name: /^Connect / }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByRole('textbox', { name: 'Site port' });
    await expect.poll(() => dialog.getByText('Where your site answers').isVisible()).toBe(true);

    // Well-formed, but a host the egress policy refuses: the server's reason is shown on the field.
    await field.fill('1');
    await dialog.getByLabel('API key').fill('acme-keyed-e2e-key');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => dialog.getByText('127.0.0.1:1 is not a host this server may call').isVisible()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill(port);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.locator('#done').isVisible()).toBe(true);
    const { data } = await admin.connections.list({ tenantId: 'hooli', connector: 'acme-keyed' });
    expect(data.map((connection) => connection.variables)).toEqual([{ port }]);
    await page.close();
  });
});
