import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type BlockedAddressReason, classifyAddress } from './address-classifier.js';
import { OutboundAgents, type OutboundAgentsOptions } from './agent-pool.js';
import { EgressBlockedError } from './egress-error.js';

/** Resolves a host name to every address it has. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** Which hosts the server may send requests to. Build one with {@link createEgressPolicy}. */
export interface EgressPolicy {
  /** Hosts let through without address checks, parsed from `host` or `host:port` entries. */
  readonly allowHosts: readonly AllowedHost[];
  /** How host names are resolved. @default every address `node:dns` `lookup` returns */
  readonly resolve: Resolver;
  /** The keep-alive connection pools of requests this policy let through, keyed by the addresses it checked. */
  readonly agents: OutboundAgents;
}

/** One allowlist entry: a normalised host name, and the port when the entry named one. */
export interface AllowedHost {
  hostname: string;
  port?: string;
}

/** Options of {@link createEgressPolicy}. */
export interface EgressPolicyOptions {
  /**
   * `host` or `host:port` entries (`[::1]:4401` for IPv6) that may be reached even when they resolve to a
   * blocked address: a local provider sandbox, a development server. Without a port, every port of the host.
   * An entry that is an IP address also lets through names that resolve to it (on its port).
   * @default []
   */
  allowHosts?: readonly string[];
  /** Replaces DNS resolution, for tests. */
  resolve?: Resolver;
  /** How the keep-alive connection pools of outgoing requests are bounded. */
  pool?: OutboundAgentsOptions;
}

/** Why a URL was refused: the address class it resolved to, or a problem with the URL itself. */
export type EgressBlockReason =
  | BlockedAddressReason
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'userinfo'
  | 'unresolvable';

/** The verdict of {@link checkEgress}. */
export type EgressDecision =
  | {
      allowed: true;
      url: URL /** Empty when the host is on the allowlist (it was not resolved). */;
      addresses: string[];
    }
  | {
      allowed: false;
      reason: EgressBlockReason;
      message: string /** The offending address, if any. */;
      address?: string;
    };

const defaultResolve: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

function parseAllowedHost(entry: string): AllowedHost {
  let url: URL | undefined;
  try {
    url = new URL(`http://${entry.trim()}`);
  } catch {}
  if (url?.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`Egress allowlist entry "${entry}" must be host or host:port (IPv6 in brackets)`);
  }
  // URL drops a port equal to the scheme's default, so read it from the entry itself.
  const port = /:(\d{1,5})$/.exec(entry.trim())?.[1];
  return port === undefined ? { hostname: url.hostname } : { hostname: url.hostname, port: String(Number(port)) };
}

/**
 * Builds an egress policy. Every address a host resolves to must be globally reachable, unless the host
 * is on the allowlist.
 *
 * @throws Error when an allowlist entry is not `host` or `host:port`
 * @example
 * ```ts
 * const policy = createEgressPolicy({ allowHosts: ['127.0.0.1:4401'] });
 * ```
 */
export function createEgressPolicy(options: EgressPolicyOptions = {}): EgressPolicy {
  return {
    allowHosts: (options.allowHosts ?? []).map(parseAllowedHost),
    resolve: options.resolve ?? defaultResolve,
    agents: new OutboundAgents(options.pool),
  };
}

const effectivePort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

function isAllowlisted(url: URL, policy: EgressPolicy, hostname = url.hostname) {
  return policy.allowHosts.some(
    (entry) => entry.hostname === hostname && (entry.port === undefined || entry.port === effectivePort(url)),
  );
}

/** Whether a resolved address is an allowlist entry itself, as `[::1]` or `127.0.0.1`. */
const isAllowlistedAddress = (url: URL, policy: EgressPolicy, address: string) =>
  isAllowlisted(url, policy, isIP(address) === 6 ? `[${address}]` : address);

const blocked = (reason: EgressBlockReason, message: string, address?: string): EgressDecision => ({
  allowed: false,
  reason,
  message,
  ...(address === undefined ? {} : { address }),
});

/**
 * Decides whether the server may send a request to a URL. The URL is parsed the WHATWG way first, so odd
 * IPv4 spellings (`127.1`, `2130706433`, `0x7f.1`) are judged as the address they mean. Only http and https
 * without user info pass; the host must be on the policy's allowlist, or every address it resolves to must
 * be globally reachable (see {@link classifyAddress}). Checking does not pin the address: callers that
 * connect later should connect only to `addresses`.
 *
 * @param url - the URL about to be requested
 * @param policy - from {@link createEgressPolicy}
 * @returns `allowed: true` with the resolved addresses, or `allowed: false` with a reason and a message
 * @example
 * ```ts
 * const decision = await checkEgress('http://169.254.169.254/latest', createEgressPolicy());
 * if (!decision.allowed) console.log(decision.reason); // 'link-local'
 * ```
 */
export async function checkEgress(url: string | URL, policy: EgressPolicy): Promise<EgressDecision> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return blocked('invalid_url', 'The URL is not valid');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return blocked('unsupported_scheme', `Only http and https URLs may be requested, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) return blocked('userinfo', 'The URL must not carry a user name or password');
  if (isAllowlisted(parsed, policy)) return { allowed: true, url: parsed, addresses: [] };
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    addresses = await policy.resolve(host).catch(() => []);
    if (addresses.length === 0) return blocked('unresolvable', `${parsed.hostname} does not resolve`);
  }
  for (const address of addresses) {
    if (isAllowlistedAddress(parsed, policy, address)) continue;
    const verdict = classifyAddress(address);
    if (!verdict.allowed) {
      const via = verdict.embedded ? `, ${verdict.embedded.kind} ${verdict.embedded.ipv4}` : '';
      const target = address === host ? parsed.host : `${parsed.host} (${address})`;
      return blocked(verdict.reason, `The egress policy blocks ${target}: a ${verdict.reason} address${via}`, address);
    }
  }
  return { allowed: true, url: parsed, addresses };
}

/**
 * Like {@link checkEgress}, but throws when the URL is refused.
 *
 * @returns the parsed URL
 * @throws EgressBlockedError naming the host and the reason
 * @example
 * ```ts
 * await assertEgress(connector.tokenUrl, policy);
 * ```
 */
export async function assertEgress(url: string | URL, policy: EgressPolicy): Promise<URL> {
  const decision = await checkEgress(url, policy);
  if (!decision.allowed) throw new EgressBlockedError(decision.reason, decision.message);
  return decision.url;
}
