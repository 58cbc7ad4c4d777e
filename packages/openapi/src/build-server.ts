import { DEFAULT_VARIABLE_PATTERNS, sampleFilled, VARIABLE_NAME_PATTERN } from '@plugboard/shared';
import type { ConnectorVariable } from '@plugboard/shared/types';
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

/** The base URL of a draft, and the connector variables it holds as `{name}` placeholders. */
export interface ChosenBase {
  url: string | null;
  variables: ConnectorVariable[];
}

/** Picks the base URL of the draft, warning when there is none usable. */
export function chooseBaseUrl(spec: SpecDocument, choice: ServerChoice, warnings: SpecWarning[]): ChosenBase {
  const url = chooseUrl(spec, choice, warnings);
  return typeof url === 'string' || url === null ? { url, variables: [] } : url;
}

function chooseUrl(spec: SpecDocument, choice: ServerChoice, warnings: SpecWarning[]): string | null | ChosenBase {
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
  if (perCustomer.length > 0) return perCustomerBase(spec, server, index, perCustomer, choice, warnings);
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

const LOOKS_LIKE_A_PLACEHOLDER = /your|example|\{|<|placeholder|^$/i;

/** `your-domain` as a variable name (letters, digits, _ and - only) and as a label ("Your domain"). */
function variableNaming(name: string): { name: string; label: string } {
  let clean = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '');
  if (!VARIABLE_NAME_PATTERN.test(clean)) clean = `v${clean}`.slice(0, 40);
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
  return { name: clean, label: (words.charAt(0).toUpperCase() + words.slice(1)).slice(0, 80) || clean };
}

/**
 * A server whose host each customer has their own of (`https://{shop}.myshopify.com`): the base URL keeps those
 * parts as `{name}` placeholders of connector variables, which each end user fills in when connecting; the other
 * variables take their given values or defaults.
 */
function perCustomerBase(
  spec: SpecDocument,
  server: SpecServer,
  index: number,
  perCustomer: string[],
  choice: ServerChoice,
  warnings: SpecWarning[],
): ChosenBase | null {
  const naming = new Map(perCustomer.map((name) => [name, variableNaming(name)]));
  const placeholders = Object.fromEntries(perCustomer.map((name) => [name, `{${naming.get(name)?.name}}`]));
  const template = expandServer(server, { ...choice.variables, ...placeholders }).replace(/\/+$/, '');
  if (toBaseUrl(sampleFilled(template), spec.sourceUrl) === null || !/^https?:\/\//i.test(template)) {
    warnings.push({
      code: SpecWarningCode.ServerUnresolved,
      message: `Server ${server.url} is not an absolute http(s) URL: set the API base URL by hand`,
      pointer: `#/servers/${index}`,
    });
    return null;
  }
  const host = new RegExp(`^(?:${DEFAULT_VARIABLE_PATTERNS.host})$`);
  const variables = perCustomer.map((name): ConnectorVariable => {
    const spec = server.variables[name];
    const fallback = spec?.default ?? '';
    const example = !LOOKS_LIKE_A_PLACEHOLDER.test(fallback) && host.test(fallback) ? fallback : 'acme';
    const { name: variableName, label } = naming.get(name) ?? variableNaming(name);
    return { name: variableName, label, example, ...(spec?.description ? { description: spec.description } : {}) };
  });
  return { url: template, variables };
}
