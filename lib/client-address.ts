import { BlockList, isIP } from 'node:net';

// Which address a request really came from. X-Forwarded-For is whatever the client (or each proxy
// on the way) wrote, so it is believed only as far as TRUSTED_PROXIES says: by default not at all,
// and the address is the TCP peer's, which nobody can forge.

export type TrustedProxies = { kind: 'none' } | { kind: 'count'; count: number } | { kind: 'list'; list: BlockList; entries: string[] };

/** IPv4 addresses as Node sometimes reports them over IPv6 sockets ("::ffff:10.0.0.1"). */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * TRUSTED_PROXIES: unset or "0" (no proxy), a number of proxies in front of the console ("1" for one
 * reverse proxy), or their addresses and ranges ("10.0.0.0/8, 192.168.1.5, ::1"). Null when invalid.
 */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies | null {
  const value = raw?.trim();
  if (!value || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) return Number(value) <= 10 ? { kind: 'count', count: Number(value) } : null;
  const list = new BlockList();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) return null;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address!, type);
    else if (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) list.addSubnet(address!, Number(bits), type);
    else return null;
  }
  return { kind: 'list', list, entries };
}

function trusted(address: string, proxies: Extract<TrustedProxies, { kind: 'list' }>): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Pure: the client's address. The chain is X-Forwarded-For's entries followed by the TCP peer; the
 * trusted proxies are peeled off its right end, and the first address left is the client's.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | null, proxies: TrustedProxies): string {
  const socket = peer ? plain(peer) : undefined;
  if (proxies.kind === 'none' || !socket) return socket ?? 'unknown';
  const chain = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((entry) => plain(entry.trim()))
      .filter(Boolean),
    socket,
  ];
  if (proxies.kind === 'count') return chain[Math.max(0, chain.length - 1 - proxies.count)]!;
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(chain[i]!, proxies)) return chain[i]!;
  return chain[0]!;
}
