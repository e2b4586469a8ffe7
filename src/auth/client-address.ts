import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is written as `10.0.0.1`. */
function normalize(address: string): string | null {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const ip = mapped ? mapped[1]! : trimmed;
  return isIP(ip) ? ip.toLowerCase() : null;
}

/**
 * The client's address: the socket's, unless `trustProxyHops` proxies of ours stand in front, in
 * which case it is the address the outermost of them saw, read from the right of
 * X-Forwarded-For (entries further left are the client's own claims and are not trusted).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null, trustProxyHops: number): string | null {
  if (trustProxyHops > 0 && forwardedFor) {
    const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    const candidate = hops[hops.length - trustProxyHops];
    if (candidate) return normalize(candidate);
  }
  return socketAddress ? normalize(socketAddress) : null;
}

/**
 * Whether the client reached us over TLS: the URL says so when this process terminates TLS; behind
 * `trustProxyHops` proxies of ours, the X-Forwarded-Proto entry the outermost of them set, read
 * from the right as X-Forwarded-For is. Without trusted proxies the header is the client's own
 * claim and is ignored.
 */
export function reachedOverTls(url: string, forwardedProto: string | null, trustProxyHops: number): boolean {
  if (url.startsWith('https:')) return true;
  if (trustProxyHops === 0 || !forwardedProto) return false;
  const hops = forwardedProto.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return hops[hops.length - trustProxyHops] === 'https';
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a single address; null if it is none of these. */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6'; canonical: string } | null {
  const [rawAddress, rawPrefix, extra] = text.trim().split('/');
  if (extra !== undefined || !rawAddress) return null;
  const version = isIP(rawAddress);
  if (!version) return null;
  const max = version === 4 ? 32 : 128;
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return null;
  const prefix = rawPrefix === undefined ? max : Number(rawPrefix);
  if (prefix > max) return null;
  const address = rawAddress.toLowerCase();
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6', canonical: `${address}/${prefix}` };
}

/** A compiled allow-list; undefined when the token may be used from anywhere. */
export function compileAllowList(cidrs: readonly string[]): BlockList | undefined {
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list;
}

export function allowedFrom(list: BlockList | undefined, ip: string | null): boolean {
  if (!list) return true;
  if (!ip) return false; // an allow-list with no known address fails closed
  return list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
}
