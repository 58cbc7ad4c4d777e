import { afterEach, describe, expect, it } from 'vitest';
import { languageOf, SUPPORTED_LOCALES, supportedLocale } from './locale.js';
import ar from './locales/ar.js';
import { defaultMessages, format, type Messages, plural } from './messages.js';

const locales: Record<string, Messages> = Object.fromEntries(
  await Promise.all(
    SUPPORTED_LOCALES.filter((locale) => locale !== 'en').map(
      async (locale) => [locale, (await import(`./locales/${locale}.ts`)).default] as const,
    ),
  ),
);

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

describe('picking a locale', () => {
  it.each([
    ['de-AT', 'de'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ar-EG', 'ar'],
    ['JA', 'ja'],
    ['fr_CA', 'fr'],
    ['nl', 'en'],
    ['', 'en'],
  ])('uses %s as %s', (tag, locale) => {
    expect(supportedLocale(tag)).toBe(locale);
  });

  it('reads the nearest lang, past shadow roots to their hosts, and skips an empty one', () => {
    document.documentElement.lang = 'fr';
    document.body.innerHTML =
      '<section lang="ja"><div id="host"></div></section><p lang=""><span id="page"></span></p>';
    const inner = document.createElement('div');
    inner.setAttribute('lang', '');
    const widget = document.createElement('plugboard-connect');
    inner.append(widget);
    document.getElementById('host')?.attachShadow({ mode: 'open' }).append(inner);
    expect(languageOf(widget)).toBe('ja');
    expect(languageOf(document.getElementById('page') as Element)).toBe('fr');
  });
});

describe('messages', () => {
  it.each(Object.keys(locales))('%s has every message, with the same placeholders as English', (locale) => {
    const messages = locales[locale] as Messages;
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, english] of Object.entries(defaultMessages)) {
      const translated = messages[key as keyof typeof defaultMessages];
      expect(translated, `${locale}.${key}`).toBeTruthy();
      if (!key.startsWith('connections_'))
        expect(placeholders(translated), `${locale}.${key}`).toEqual(placeholders(english));
    }
  });

  it('counts with the plural rules of the locale: Arabic’s six forms', () => {
    const messages = { ...defaultMessages, ...ar };
    expect([0, 1, 2, 3, 11, 100].map((count) => plural(messages, 'connections', count, 'ar'))).toEqual([
      ar.connections_zero,
      ar.connections_one,
      ar.connections_two,
      format(ar.connections_few, { count: 3 }, 'ar'),
      format(ar.connections_many, { count: 11 }, 'ar'),
      format(ar.connections_other, { count: 100 }, 'ar'),
    ]);
    expect(plural(defaultMessages, 'connections', 1)).toBe('1 connection');
    expect(plural(defaultMessages, 'connections', 1200)).toBe('1,200 connections');
  });

  it('writes numbers the locale’s way', () => {
    expect(format('{count}', { count: 1200 }, 'de')).toBe('1.200');
    expect(format('{name} has {count}', { name: 'Stripe', count: 3 }, 'fr')).toBe('Stripe has 3');
  });
});
