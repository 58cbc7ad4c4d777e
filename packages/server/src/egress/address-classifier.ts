import { BlockList, isIP } from 'node:net';

/** Why an address may not be reached from the server. */
export type BlockedAddressReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved';

/** How an IPv4 address was carried inside an IPv6 one. */
export type EmbeddingKind = 'ipv4-mapped' | 'nat64' | '6to4' | 'teredo';

/** The verdict on one IP address. */
export type AddressVerdict =
  | { allowed: true; address: string }
  | {
      allowed: false;
      address: string;
      reason: BlockedAddressReason;
      /** For IPv6 addresses that carry an IPv4 one: which one, and how. */
      embedded?: { ipv4: string; kind: EmbeddingKind };
    };

type Range = readonly [network: string, prefix: number, reason: BlockedAddressReason];

// RFC 6890 special-purpose blocks that are not globally reachable, plus multicast and class E.
const IPV4_RANGES: readonly Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade-nat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  // Class E, including the limited broadcast address 255.255.255.255.
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: readonly Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // IPv4-compatible (deprecated) and IPv4-translated addresses: nothing legitimate uses them.
  ['::', 96, 'reserved'],
  ['::ffff:0:0:0', 96, 'reserved'],
  ['64:ff9b:1::', 48, 'reserved'],
  ['100::', 64, 'reserved'],
  ['2001:2::', 48, 'reserved'],
  ['2001:10::', 28, 'reserved'],
  ['2001:20::', 28, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['3fff::', 20, 'reserved'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'],
  ['ff00::', 8, 'multicast'],
];

function blockLists(ranges: readonly Range[], type: 'ipv4' | 'ipv6') {
  // One list per reason, most specific first, so `::1` reads as loopback rather than `::/96` reserved.
  const ordered = [...ranges].sort((a, b) => b[1] - a[1]);
  return ordered.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return { list, reason };
  });
}

const IPV4_LISTS = blockLists(IPV4_RANGES, 'ipv4');
const IPV6_LISTS = blockLists(IPV6_RANGES, 'ipv6');

/** The 16 bytes of an IPv6 address (already checked with `isIP`), with any zone id removed. */
function ipv6Bytes(address: string): Uint8Array {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  words.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);
const ipv4At = (bytes: Uint8Array, offset: number, mask = 0) =>
  Array.from(bytes.subarray(offset, offset + 4), (byte) => byte ^ mask).join('.');

/** The IPv4 address an IPv6 address carries, if it is of a kind that routes to one. */
function embeddedIpv4(bytes: Uint8Array): { ipv4: string; kind: EmbeddingKind } | undefined {
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]))
    return { ipv4: ipv4At(bytes, 12), kind: 'ipv4-mapped' };
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
    return { ipv4: ipv4At(bytes, 12), kind: 'nat64' };
  if (startsWith(bytes, [0x20, 0x02])) return { ipv4: ipv4At(bytes, 2), kind: '6to4' };
  // Teredo keeps the client's address in the last 32 bits, every bit inverted (RFC 4380).
  if (startsWith(bytes, [0x20, 0x01, 0, 0])) return { ipv4: ipv4At(bytes, 12, 0xff), kind: 'teredo' };
  return undefined;
}

/**
 * Classifies one IP address (as `dns.lookup` returns it or a URL's bracket-less hostname holds it): allowed
 * when it is globally reachable; blocked, with the reason, when it is loopback, private (RFC 1918), CGNAT,
 * link-local (including the cloud metadata address 169.254.169.254), unspecified, multicast, reserved or
 * unique-local, or when an IPv6 address carries such an IPv4 address (mapped, NAT64, 6to4, Teredo).
 * Anything that is not an IP address is blocked as reserved.
 *
 * @param address - an IPv4 or IPv6 address, without brackets; a zone id (`%eth0`) is ignored
 * @returns the verdict, with the reason when blocked
 * @example
 * ```ts
 * classifyAddress('::ffff:127.0.0.1'); // { allowed: false, reason: 'loopback', embedded: { ipv4: '127.0.0.1', kind: 'ipv4-mapped' } }
 * classifyAddress('93.184.215.14'); // { allowed: true, address: '93.184.215.14' }
 * ```
 */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) {
    const hit = IPV4_LISTS.find(({ list }) => list.check(bare, 'ipv4'));
    return hit ? { allowed: false, address, reason: hit.reason } : { allowed: true, address };
  }
  if (family !== 6) return { allowed: false, address, reason: 'reserved' };
  const embedded = embeddedIpv4(ipv6Bytes(bare));
  if (embedded) {
    const inner = classifyAddress(embedded.ipv4);
    if (!inner.allowed) return { allowed: false, address, reason: inner.reason, embedded };
  }
  const hit = IPV6_LISTS.find(({ list }) => list.check(bare, 'ipv6'));
  return hit ? { allowed: false, address, reason: hit.reason } : { allowed: true, address };
}
