import type { SpecDocument, SpecServer } from './model.js';
import { type SpecWarning, SpecWarningCode } from './warnings.js';

/** Which server to use and how to fill its variables. */
export interface ServerChoice {
  /**
   * Index into the document's servers.
   * @default 0
   */
  index?: number;
  /** Values for server variables, over their defaults. */
  variables?: Record<string, string>;
}

/** Fills a server URL's `{variables}` with the given values or their defaults. */
export function expandServer(server: SpecServer, values: Record<string, string> = {}): string {
  return server.url.replace(
    /\{([^}]+)\}/g,
    (whole, name: string) => values[name] ?? server.variables[name]?.default ?? whole,
  );
}

/**
 * An absolute base URL for actions: http(s), no credentials, query or fragment, no trailing slash.
 *
 * @returns null when the URL is relative with nothing to resolve it against, or not http(s)
 */
export function toBaseUrl(url: string, sourceUrl?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, sourceUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // An unfilled {variable} survives URL parsing percent-encoded.
  if (/%7B[^/]*%7D|\{[^}]*\}/i.test(parsed.href)) return null;
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  const href = parsed.href.replace(/\/+$/, '');
  return href.length <= 2048 ? href : null;
}

/** Every server of the document as a base URL candidate (variables at their defaults), in order. */
export function serverCandidates(spec: SpecDocument): string[] {
  const urls = spec.servers.map((server) => toBaseUrl(expandServer(server), spec.sourceUrl));
  return [...new Set(urls.filter((url): url is string => url !== null))];
}

/** Picks the base URL of the draft, warning when there is none usable. */
export function chooseBaseUrl(spec: SpecDocument, choice: ServerChoice, warnings: SpecWarning[]): string | null {
  const index = choice.index ?? 0;
  const server = spec.servers[index];
  if (!server) {
    const sourceBase = spec.sourceUrl ? toBaseUrl('/', spec.sourceUrl) : null;
    const missing = spec.servers.length === 0 ? 'The spec names no servers' : `The spec has no server ${index}`;
    warnings.push({
      code: SpecWarningCode.ServerUnresolved,
      message: sourceBase
        ? `${missing}: actions go to ${sourceBase}, where the spec is`
        : `${missing}: set the API base URL by hand`,
    });
    return sourceBase;
  }
  const perCustomer = perCustomerVariables(server).filter((name) => choice.variables?.[name] === undefined);
  if (perCustomer.length > 0) {
    warnings.push({
      code: SpecWarningCode.ServerUnresolved,
      message: `Server ${server.url} needs each customer's own ${perCustomer.map((name) => `{${name}}`).join(', ')}: set the API base URL by hand`,
      pointer: `#/servers/${index}`,
    });
    return null;
  }
  const url = toBaseUrl(expandServer(server, choice.variables), spec.sourceUrl);
  if (url === null) {
    warnings.push({
      code: SpecWarningCode.ServerUnresolved,
      message: `Server ${server.url} is not an absolute http(s) URL${spec.sourceUrl ? '' : ' and the spec has no URL to resolve it against'}: set the API base URL by hand`,
      pointer: `#/servers/${index}`,
    });
  }
  return url;
}

const PER_CUSTOMER = /domain|shop|site|account|instance|tenant|company|org|workspace|subdomain|store/i;

/**
 * The variables of a server's host that differ per customer (`https://{your-domain}.atlassian.net`,
 * `https://{shop}.myshopify.com`): free text (no `enum`) named like a subdomain, shop, site or account, or whose
 * default is itself a placeholder. Their default is no customer's host, so it cannot be the base URL.
 */
export function perCustomerVariables(server: SpecServer): string[] {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)/i.exec(server.url)?.[1] ?? '';
  return [...host.matchAll(/\{([^}]+)\}/g)]
    .map((match) => match[1] as string)
    .filter((name) => {
      const variable = server.variables[name];
      if (variable?.enum && variable.enum.length > 0) return false;
      const fallback = variable?.default ?? '';
      return PER_CUSTOMER.test(name) || fallback === '' || /your|example|\{|<|placeholder/i.test(fallback);
    });
}
