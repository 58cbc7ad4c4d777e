import { findProvider, type Provider } from '@plugboard/catalog';

/** What a prompt names: a catalog provider, or a URL or domain to look for a spec at. */
export interface Understanding {
  provider?: Provider;
  url?: string;
  domain?: string;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/i;
const DOMAIN_PATTERN = /\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})\b/i;

/**
 * Reads a prompt without a model: a URL in it (a catalog provider when its host is one), else a catalog
 * provider by name, else a domain. Empty when it names none of these.
 */
export function understandPrompt(prompt: string): Understanding {
  const url = URL_PATTERN.exec(prompt)?.[0]?.replace(/[.,;:!?)\]]+$/, '');
  if (url) {
    const provider = findProvider(url);
    return provider ? { provider } : { url };
  }
  const provider = findProvider(prompt);
  if (provider) return { provider };
  const domain = DOMAIN_PATTERN.exec(prompt)?.[1];
  return domain ? { domain: domain.toLowerCase() } : {};
}
