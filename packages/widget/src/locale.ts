import type { Messages } from './messages.js';

/** The locales the widget ships messages for. English is built in; the others load on demand. */
export const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ar'] as const;

/** One of {@link SUPPORTED_LOCALES}. */
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** The locale the widget uses for a BCP 47 tag: the same tag, else its language's, else English. */
export function supportedLocale(tag: string | null | undefined): Locale {
  const wanted = (tag ?? '').trim().toLowerCase().replace('_', '-');
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return SUPPORTED_LOCALES.find((locale) => locale.split('-')[0] === language) ?? 'en';
}

/**
 * The language an element is in: the `lang` of its nearest ancestor, looking past shadow roots to their hosts,
 * else the browser's. An empty `lang` means "unknown" in HTML, so it is passed over.
 */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const tagged: Element | null = node.closest('[lang]:not([lang=""])');
    if (tagged) return tagged.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return globalThis.navigator?.language ?? 'en';
}

/** Whether a locale is written right to left. */
export const isRightToLeft = (locale: Locale) => locale === 'ar';

const loaded = new Map<Locale, Promise<Partial<Messages>>>();

/**
 * A locale's messages, fetched once per page from `locales/<locale>.js` beside this module (the drop-in bundle's
 * folder, which the Plugboard server serves with the bundle's headers). English is built in, and a locale that
 * fails to load falls back to it, so the widget still works.
 */
export function loadMessages(locale: Locale): Promise<Partial<Messages>> {
  if (locale === 'en') return Promise.resolve({});
  let messages = loaded.get(locale);
  if (!messages) {
    // A variable, not a literal, inside `new URL()`: bundlers would otherwise rewrite it into an asset lookup.
    const path = `./locales/${locale}.js`;
    const url = new URL(path, import.meta.url).href;
    messages = import(/* @vite-ignore */ url).then(
      (module: { default: Partial<Messages> }) => module.default,
      () => {
        loaded.delete(locale);
        return {};
      },
    );
    loaded.set(locale, messages);
  }
  return messages;
}
