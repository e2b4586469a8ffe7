import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. Only globally routed unicast addresses pass: ipaddr.js names every
 * special range (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified,
 * documentation, 6to4/Teredo/NAT64 forms that can embed a private IPv4...), and anything but
 * `unicast` is refused. The cloud metadata addresses are in those ranges already; they are named
 * again because they stay refused even with SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: a private network
 * may be a fair place for receivers, a metadata service (instance credentials) never is.
 */
const METADATA = [
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle (IMDS)
  'fd00:ec2::254', // AWS IMDS over IPv6
  '169.254.170.2', // AWS ECS task credentials
  '169.254.170.23', // AWS EKS pod identity
  'fd00:ec2::23', // AWS EKS pod identity over IPv6
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (legacy)
].map((a) => ipaddr.parse(a).toNormalizedString());

/** What a refused webhook's owner is told: never the address a name resolved to. */
export const NON_PUBLIC = 'resolves to a non-public address; webhooks go to public addresses only';

export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address reaches, which a gateway may translate to. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === 'rfc6052') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/**
 * Why an address may not receive webhooks, or null when it may. For the server's log only: the
 * hook's owner hears NON_PUBLIC, so that a refusal does not map the gateway's private DNS view.
 * `allowPrivate` (SCOPEGATE_WEBHOOK_ALLOW_PRIVATE) lets every range through but the metadata
 * addresses.
 */
export function refusedAddress(address: string, allowPrivate = false): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const embedded = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : null;
  if ([parsed, embedded].some((a) => a && METADATA.includes(a.toNormalizedString()))) return `${address} is a cloud metadata address`;
  if (allowPrivate) return null;
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
 * resolves to one public and one private address could be sent to either. The refusal says
 * NON_PUBLIC; which address it was goes to `log`. With `allowPrivate` a name that does not resolve
 * passes (guardedLookup judges it again at every connection).
 */
export async function checkWebhookHost(url: URL, allowPrivate: boolean, log: (message: string) => void = () => {}): Promise<void> {
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookupAll(host)).map((a) => a.address);
    } catch (error) {
      if (allowPrivate) return;
      throw new WebhookAddressError(`the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`);
    }
  }
  for (const address of addresses) {
    const refused = refusedAddress(address, allowPrivate);
    if (refused) {
      log(`webhook host ${host} refused: ${refused}`);
      throw new WebhookAddressError(`the host ${host} ${NON_PUBLIC}.`);
    }
  }
}

/**
 * A `lookup` for http.request that refuses a refused address as the connection is made, so the
 * address checked is the address connected to: a name that resolves to a public address when the
 * hook is checked and to 127.0.0.1 a moment later (DNS rebinding) gets no connection.
 */
export function guardedLookup(allowPrivate: boolean, log: (message: string) => void = () => {}): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return (callback as (e: Error) => void)(error);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.map((a) => refusedAddress(a.address, allowPrivate)).find((r) => r !== null);
      if (refused) {
        log(`webhook host ${hostname} refused: ${refused}`);
        // This message becomes the delivery's lastError, which the hook's owners read.
        return (callback as (e: Error) => void)(new WebhookAddressError(`the host ${hostname} ${NON_PUBLIC}.`));
      }
      if (list.length === 0) return (callback as (e: Error) => void)(new WebhookAddressError(`the host ${hostname} has no address.`));
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
    });
  };
}
