import type { Provider } from './types.js';

// Words people add around a product name that never tell two providers apart ("the Stripe API").
const FILLER_WORDS = new Set(['the', 'api', 'apis', 'rest', 'app', 'connector', 'integration', 'for', 'with', 'and']);

/** Lowercases, drops accents, and keeps letters and digits only, so "Google  Drive" equals "google-drive". */
function compact(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);
}

/** The host of a URL or a bare domain in the query, e.g. `developers.hubspot.com`; undefined for plain names. */
function hostOf(query: string): string | undefined {
  const text = query.trim().toLowerCase();
  if (/\s/.test(text) || !text.includes('.')) return undefined;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`).hostname;
    return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function names(provider: Provider): string[] {
  const label = provider.domain.split('.')[0] ?? provider.domain;
  return [provider.slug, provider.name, label, ...(provider.aliases ?? [])].map(compact);
}

/**
 * Finds the provider a member means in a list of candidates: by slug, name, alias or domain, ignoring case,
 * spaces, punctuation and filler words such as "API"; a URL or domain matches by host, the API base URL's
 * host included. Use {@link findProvider} from the package root to search the whole catalog.
 *
 * @param query - what the member typed, e.g. `"HubSpot CRM"`, `"google drive"`, `"https://docs.stripe.com/api"`
 * @param candidates - the providers to search, e.g. the few an app imports from `@plugboard/catalog/providers/*`
 * @returns the best match, or undefined when nothing matches
 * @example
 * ```ts
 * import { matchProvider } from '@plugboard/catalog/match';
 * import { hubspot } from '@plugboard/catalog/providers/hubspot';
 * import { salesforce } from '@plugboard/catalog/providers/salesforce';
 *
 * matchProvider('HubSpot CRM', [hubspot, salesforce]); // hubspot
 * ```
 */
export function matchProvider<P extends Provider>(query: string, candidates: readonly P[]): P | undefined {
  const host = hostOf(query);
  if (host) {
    const byDomain = candidates.find((provider) => hostMatches(host, provider.domain));
    if (byDomain) return byDomain;
    const byApiHost = candidates.find((provider) => {
      try {
        return hostMatches(host, new URL(provider.apiBaseUrl).hostname);
      } catch {
        return false;
      }
    });
    if (byApiHost) return byApiHost;
  }

  const whole = compact(query);
  if (!whole) return undefined;
  const exact = candidates.find((provider) => names(provider).includes(whole));
  if (exact) return exact;

  const meaningful = compact(
    words(query)
      .filter((word) => !FILLER_WORDS.has(word))
      .join(' '),
  );
  if (meaningful) {
    const withoutFiller = candidates.find((provider) => names(provider).includes(meaningful));
    if (withoutFiller) return withoutFiller;
  }

  // "HubSpot CRM" or "Stripe payments": the longest known name the query starts with wins.
  let best: { provider: P; length: number } | undefined;
  for (const provider of candidates) {
    for (const name of names(provider)) {
      if (name.length >= 3 && whole.startsWith(name) && (!best || name.length > best.length)) {
        best = { provider, length: name.length };
      }
    }
  }
  return best?.provider;
}
