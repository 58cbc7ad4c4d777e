import { mkdir } from 'node:fs/promises';
import { PlugboardAdmin } from '@plugboard/sdk';
import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultMessages, type Messages } from '../packages/widget/src/messages.js';
import { withDemo } from './support/with-demo.js';

/** What these tests set on `<plugboard-connect>` (its full type comes with the widget's Preact sources). */
type WidgetElement = HTMLElement & { locale?: string | undefined };

const screenshots = new URL('../.tmp/screenshots/', import.meta.url);

/** Each locale's messages, as the widget's sources have them, to know what each must show. */
const locales: Record<string, Messages> = {
  en: defaultMessages,
  ...Object.fromEntries(
    await Promise.all(
      ['de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ar'].map(
        async (locale) => [locale, (await import(`../packages/widget/src/locales/${locale}.ts`)).default] as const,
      ),
    ),
  ),
};

describe('the widget in every locale, switched at run time on one page', () => {
  const context = withDemo();
  let page: Page;
  const localeResponses: Response[] = [];

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    page = await context.browser.newPage({ viewport: { width: 1000, height: 760 } });
    page.on('response', (response) => {
      if (response.url().includes('/widget/locales/')) localeResponses.push(response);
    });
    await page.goto(`${context.demo.url}/`);
    await page.locator('plugboard-connect [part~="card"]').first().waitFor();
  });

  const root = () => page.locator('plugboard-connect .root');
  const firstAction = () => page.locator('plugboard-connect [part~="action"]').first();

  it.each(Object.keys(locales))(
    'renders %s, with its own texts, button names and direction, and takes a screenshot',
    async (locale) => {
      const messages = locales[locale] as Messages;
      await page.locator('plugboard-connect').evaluate((element, value) => {
        (element as WidgetElement).locale = value;
      }, locale);
      await expect.poll(() => root().getAttribute('lang')).toBe(locale);
      await expect.poll(() => firstAction().textContent()).toBe(messages.connect);
      expect(await root().getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      const name = (await page.locator('plugboard-connect [part~="card-name"]').first().textContent()) ?? '';
      expect(await firstAction().getAttribute('aria-label')).toBe(messages.connectLabel.replace('{name}', name));
      expect(await page.locator('plugboard-connect [part~="card-meta"]').first().textContent()).toContain(
        messages.createdBy.replace('{name}', '').trim(),
      );

      if (locale === 'ar') {
        // Mirrored: the first card sits at the right of the row, the second to its left.
        const [first, second] = await page
          .locator('plugboard-connect [part~="card"]')
          .evaluateAll((cards) => cards.slice(0, 2).map((card) => card.getBoundingClientRect().left));
        expect(first).toBeGreaterThan(second ?? Number.POSITIVE_INFINITY);
      }
      await firstAction().click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByRole('button').last().textContent()).toBe(messages.submit);
      await page.screenshot({ path: new URL(`widget-${locale}.png`, screenshots).pathname });
      await dialog.getByRole('button', { name: messages.cancel }).click();
      await dialog.waitFor({ state: 'detached' });
    },
  );

  it('loaded each locale once, from beside the bundle, with the bundle’s cross-origin headers', () => {
    const loaded = localeResponses.map((response) => [
      new URL(response.url()).pathname,
      response.status(),
      response.headers()['access-control-allow-origin'],
    ]);
    expect(loaded).toEqual(
      ['de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ar'].map((locale) => [`/widget/locales/${locale}.js`, 200, '*']),
    );
  });

  it('follows the page’s lang when no locale is set, and changes with it', async () => {
    const widget = page.locator('plugboard-connect');
    await widget.evaluate((element) => {
      (element as WidgetElement).locale = undefined;
      document.documentElement.lang = 'ja';
    });
    await expect.poll(() => firstAction().textContent()).toBe(locales.ja?.connect);
    await page.evaluate(() => {
      document.documentElement.lang = 'de-CH';
    });
    await expect.poll(() => firstAction().textContent()).toBe(locales.de?.connect);
  });
});

describe('the connect-link page', () => {
  const context = withDemo();

  async function openLink(query: string) {
    const admin = new PlugboardAdmin({ baseUrl: context.demo.url, secretKey: context.demo.secretKey });
    const link = await admin.connectLinks.create({
      tenantId: 'globex',
      endUserId: 'dana',
      connectors: ['acme-billing'],
    });
    const url = new URL(link.url);
    url.search = query;
    const page = await context.browser.newPage({ locale: 'ja-JP' });
    await page.goto(url.href);
    return page;
  }

  it('shows the widget in the browser’s language', async () => {
    const page = await openLink('');
    const action = page.locator('plugboard-connect [part~="action"]');
    await expect.poll(() => action.textContent()).toBe(locales.ja?.connect);
    await page.close();
  });

  it('shows it in the locale the vendor put on the link, over the browser’s', async () => {
    const page = await openLink('?locale=fr');
    const action = page.locator('plugboard-connect [part~="action"]');
    await expect.poll(() => action.textContent()).toBe(locales.fr?.connect);
    await page.close();
  });
});
