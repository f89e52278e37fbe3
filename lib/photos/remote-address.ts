import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// A card's photo given as an address is downloaded by Linq, not by the console: still, an address
// of a private network, of this machine or of a cloud's metadata service has no business being
// handed on (whoever fetches it would reach inside). Names are resolved, so that "localhost" or a
// name pointing at 10.0.0.5 is refused as the address itself would be.

const PRIVATE = new BlockList();
for (const [network, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard-only
  ['64:ff9b:1::', 48], // NAT64 for local use
  ['2001:2::', 48], // benchmarking
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
  ['fc00::', 7], // unique local
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['fd00:ec2::', 32], // cloud metadata over IPv6
] as const) {
  PRIVATE.addSubnet(network, bits, 'ipv6');
}

/** The 16 bytes of an IPv6 address (with "::" and a dotted IPv4 tail allowed), or null. */
function ipv6Bytes(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return null;
  return groups.flatMap((group) => {
    const value = parseInt(group || '0', 16);
    return [value >> 8, value & 0xff];
  });
}

const v4 = (bytes: number[]) => bytes.join('.');

/**
 * The IPv4 addresses an IPv6 address carries, and would reach through a gateway: IPv4-mapped and
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32, its
 * server and its obfuscated client).
 */
function embeddedIpv4(bytes: number[]): string[] {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return [v4(bytes.slice(12))];
  if (zeros(0, 12) && !zeros(12, 15)) return [v4(bytes.slice(12))];
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return [v4(bytes.slice(12))];
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return [v4(bytes.slice(2, 6))];
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0x00 && bytes[3] === 0x00)
    return [v4(bytes.slice(4, 8)), v4(bytes.slice(12).map((byte) => byte ^ 0xff))];
  return [];
}

/** Whether an IP address is one the public internet cannot reach (or must not be sent to). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return true;
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  const bytes = ipv6Bytes(bare);
  if (!bytes) return true;
  return PRIVATE.check(bare, 'ipv6') || embeddedIpv4(bytes).some((inner) => PRIVATE.check(inner, 'ipv4'));
}

export type Resolver = (host: string) => Promise<string[]>;

const resolveAll: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a photo address cannot be handed on, as the editor shows it beside the field; null when it
 * may. Every address the name resolves to must be public.
 */
export async function photoAddressProblem(value: string, resolve: Resolver = resolveAll): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Give a full https:// address that anyone on the internet can open.';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.username || url.password) return 'Give the address without a user name or password in it.';
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `The address's host, ${host}, could not be found. Check the address.`;
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    return `The address points to a private or local network (${host}), which Linq cannot and must not reach. Give a public https:// address, or upload the photo instead.`;
  }
  return null;
}
