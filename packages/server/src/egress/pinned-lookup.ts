import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * A `lookup` for `node:http`/`node:https` that answers only with addresses the egress policy already checked,
 * so the socket connects to exactly those and a DNS answer that changes after the check (rebinding) is never
 * used. With no addresses (an allowlisted host) it falls back to the system resolver.
 *
 * @param checked - the addresses {@link checkEgress} resolved and let through
 * @example
 * ```ts
 * https.request(url, { lookup: pinnedLookup(decision.addresses) });
 * ```
 */
export function pinnedLookup(checked: readonly string[]): LookupFunction {
  if (checked.length === 0) return dnsLookup as LookupFunction;
  const answers: LookupAddress[] = checked.map((address) => ({
    address: address.replace(/%.*$/, ''),
    family: isIP(address.replace(/%.*$/, '')) === 6 ? 6 : 4,
  }));
  return (_hostname, options, callback) => {
    const wanted = typeof options === 'object' && options.family ? Number(options.family) : 0;
    const matching = wanted === 4 || wanted === 6 ? answers.filter((answer) => answer.family === wanted) : answers;
    const first = matching[0] ?? answers[0];
    if (typeof options === 'object' && options.all) {
      (callback as (error: null, addresses: LookupAddress[]) => void)(null, matching.length ? matching : answers);
    } else
      (callback as (error: null, address: string, family: number) => void)(
        null,
        first?.address ?? '',
        first?.family ?? 4,
      );
  };
}
