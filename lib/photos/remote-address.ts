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
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['fd00:ec2::', 32], // cloud metadata over IPv6
] as const) {
  PRIVATE.addSubnet(network, bits, 'ipv6');
}

/** Whether an IP address is one the public internet cannot reach (or must not be sent to). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(bare);
  if (family === 0) return true;
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
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
