import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. Only globally routed unicast addresses pass: ipaddr.js names every
 * special range (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified,
 * documentation, 6to4/Teredo/NAT64 forms that can embed a private IPv4...), and anything but
 * `unicast` is refused. The cloud metadata addresses are in those ranges already; they are named
 * again so that a future ipaddr.js cannot quietly let them through.
 */
const METADATA = ['169.254.169.254', 'fd00:ec2::254'].map((a) => ipaddr.parse(a).toNormalizedString());

export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

/** Why an address may not receive webhooks, or null when it may. */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (METADATA.includes(parsed.toNormalizedString())) return `${address} is a cloud metadata address`;
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** A webhook URL as given: http(s), with a host, without credentials. Throws with the reason. */
export function parseWebhookUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url) throw new WebhookAddressError('url must be an absolute http:// or https:// URL.');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookAddressError(`url must be http:// or https://, not ${url.protocol}//.`);
  if (url.username || url.password) throw new WebhookAddressError('url must not carry a user name or password.');
  if (!url.hostname) throw new WebhookAddressError('url must name a host.');
  return url;
}

/** The host as DNS and net.connect take it: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function lookupAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/**
 * Resolves a webhook's host and refuses it if ANY of its addresses is refused: a name that
 * resolves to one public and one private address could be sent to either.
 */
export async function checkWebhookHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookupAll(host)).map((a) => a.address);
    } catch (error) {
      throw new WebhookAddressError(`the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`);
    }
  }
  for (const address of addresses) {
    const refused = refusedAddress(address);
    if (refused) throw new WebhookAddressError(`the host ${host} resolves to ${refused}; webhooks go to public addresses only.`);
  }
}

/**
 * A `lookup` for http.request that refuses a refused address as the connection is made, so the
 * address checked is the address connected to: a name that resolves to a public address when the
 * hook is checked and to 127.0.0.1 a moment later (DNS rebinding) gets no connection.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return (callback as (e: Error) => void)(error);
      const list = addresses as unknown as LookupAddress[];
      const refused = allowPrivate ? null : list.map((a) => refusedAddress(a.address)).find((r) => r !== null);
      if (refused) return (callback as (e: Error) => void)(new WebhookAddressError(`the host ${hostname} resolves to ${refused}; webhooks go to public addresses only.`));
      if (list.length === 0) return (callback as (e: Error) => void)(new WebhookAddressError(`the host ${hostname} has no address.`));
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
    });
  };
}
