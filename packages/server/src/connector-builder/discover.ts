import { parseSpec, type SpecDocument } from '@plugboard/openapi';
import { checkEgress, EgressBlockedError, type EgressPolicy, OutboundError, sendOutbound } from '../egress/index.js';

/** Paths, below the docs origin, where specs are usually published. */
export const SPEC_PATHS = [
  '/openapi.json',
  '/openapi.yaml',
  '/swagger.json',
  '/.well-known/openapi.json',
  '/.well-known/openapi.yaml',
  '/api-docs',
] as const;

const MAX_FETCHES = 20;
const MAX_LINKS = 8;
const FETCH_LIMITS = { timeoutMs: 10_000, maxBytes: 50 * 1024 * 1024, maxRedirects: 5 };

/** A note the discovery makes as it goes, for the run's log. */
export type DiscoveryNote = (kind: 'info' | 'found' | 'failed' | 'warning', message: string) => void;

/** What discovery found: the parsed spec and where, or why there is none. */
export type Discovery =
  | { found: true; url: string; spec: SpecDocument }
  | { found: false; blocked: boolean; message: string };

/** Fetches a document through the egress policy: its text, or undefined when it is not there. */
export async function fetchText(
  policy: EgressPolicy,
  url: string,
): Promise<{ text: string; type: string } | undefined> {
  const answer = await sendOutbound(
    policy,
    {
      method: 'GET',
      url: new URL(url),
      headers: { accept: 'application/json, application/yaml, text/yaml, text/html;q=0.8, */*;q=0.5' },
    },
    FETCH_LIMITS,
  );
  if (answer.status < 200 || answer.status >= 300) return undefined;
  return { text: answer.body.toString('utf8'), type: answer.headers['content-type'] ?? '' };
}

/** Links of an HTML page that look like specs, absolute. */
export function specLinks(html: string, base: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\b(?:href|src|data-url|spec-url)\s*=\s*["']([^"']+)["']/gi)) {
    const href = match[1] as string;
    if (!/openapi|swagger|api-docs|\.ya?ml(?:[?#]|$)|\.json(?:[?#]|$)/i.test(href)) continue;
    try {
      const url = new URL(href, base);
      if (url.protocol === 'http:' || url.protocol === 'https:') links.add(url.toString());
    } catch {}
    if (links.size >= MAX_LINKS) break;
  }
  return [...links];
}

/** The URLs to try for a URL or a domain: the URL itself first, then the usual places at its origin. */
export function candidatesOf(target: string): string[] {
  const url = new URL(/^https?:\/\//i.test(target) ? target : `https://${target}`);
  const own = /^https?:\/\//i.test(target) ? [url.toString()] : [];
  return [...new Set([...own, ...SPEC_PATHS.map((path) => new URL(path, url.origin).toString())])];
}

async function tryParse(policy: EgressPolicy, text: string, url: string): Promise<SpecDocument | undefined> {
  try {
    return await parseSpec(text, {
      url,
      fetchRef: async (ref: string) => {
        const fetched = await fetchText(policy, ref);
        if (!fetched) throw new Error(`${ref} answered with an error`);
        return fetched.text;
      },
    });
  } catch {
    return undefined;
  }
}

const looksLikeHtml = (text: string, type: string) => /html/i.test(type) || /^\s*<(?:!doctype|html)/i.test(text);

/**
 * Looks for an OpenAPI or Swagger document at a URL or domain: the URL itself, then the usual paths at its
 * origin, then spec links in an HTML page it finds. Every request goes through the egress policy; a host the
 * policy refuses is not tried again.
 */
export async function discoverSpec(policy: EgressPolicy, target: string, note: DiscoveryNote): Promise<Discovery> {
  let queue: string[];
  try {
    queue = candidatesOf(target);
  } catch {
    return { found: false, blocked: false, message: `"${target}" is not a URL or domain` };
  }
  const blockedOrigins = new Set<string>();
  const seen = new Set<string>();
  let fetches = 0;
  let followedLinks = false;
  while (queue.length > 0 && fetches < MAX_FETCHES) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const origin = new URL(url).origin;
    if (blockedOrigins.has(origin)) continue;
    const decision = await checkEgress(url, policy);
    if (!decision.allowed) {
      blockedOrigins.add(origin);
      note('failed', `Not fetching ${origin}: ${decision.message}`);
      continue;
    }
    fetches += 1;
    let fetched: Awaited<ReturnType<typeof fetchText>>;
    try {
      fetched = await fetchText(policy, url);
    } catch (error) {
      if (EgressBlockedError.is(error)) {
        blockedOrigins.add(origin);
        note('failed', `Not fetching ${origin}: ${error.message}`);
      } else {
        note('info', `${url}: ${OutboundError.is(error) ? error.message : 'no answer'}`);
      }
      continue;
    }
    if (!fetched) {
      note('info', `Nothing at ${url}`);
      continue;
    }
    if (looksLikeHtml(fetched.text, fetched.type)) {
      const links: string[] = followedLinks ? [] : specLinks(fetched.text, url);
      followedLinks ||= links.length > 0;
      note('info', `${url} is a web page${links.length ? ` linking ${links.length} possible specs` : ''}`);
      queue = [...links, ...queue];
      continue;
    }
    const spec = await tryParse(policy, fetched.text, url);
    if (spec) {
      note('found', `Found an OpenAPI ${spec.version} spec at ${url}`);
      return { found: true, url, spec };
    }
    note('info', `${url} is not an OpenAPI or Swagger document`);
  }
  const blocked = blockedOrigins.size > 0 && fetches === 0;
  return {
    found: false,
    blocked,
    message: blocked
      ? `The egress policy does not allow requests to ${[...blockedOrigins].join(', ')}`
      : `No OpenAPI or Swagger spec found at ${target}; give the spec's URL or upload it`,
  };
}
