/**
 * The SSRF guard of outbound webhooks. A target must be http(s) and every address its host resolves to
 * must be public unicast: no loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16,
 * which holds the cloud metadata address 169.254.169.254), CGNAT (100.64/10), multicast, unspecified,
 * reserved, IPv6 ULA (fc00::/7), ::1, or IPv4-mapped forms of any of these. The delivery connects to the
 * very address checked here (deliver-request.ts passes it as the socket's lookup), so a DNS answer that
 * changes between the check and the connection (rebinding) cannot reach a private address.
 * An install can allow non-public targets (WEBHOOK_ALLOW_PRIVATE_TARGETS); the scheme check stays.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests pass their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export class TargetRefused extends Error {
  override name = 'TargetRefused';
}

export interface GuardOptions {
  allowPrivate: boolean;
  resolve?: Resolver;
}

export interface CheckedTarget {
  url: URL;
  /** The address the request must connect to. */
  address: ResolvedAddress;
}

/** True for a public unicast address (IPv4-mapped IPv6 judged by its IPv4 address). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  return ip.range() === 'unicast';
}

/** Parses and checks a target URL's form (scheme, no credentials); 'why' on refusal. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefused('must be http or https');
  if (url.username || url.password) throw new TargetRefused('must not carry credentials');
  if (!url.hostname) throw new TargetRefused('has no host');
  return url;
}

/** The URL's host as an IP literal (brackets of IPv6 removed), or null for a name. */
function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null;
}

/**
 * Resolves the target and checks every address; returns the URL and the first address to connect to.
 * Throws TargetRefused when the form is wrong, the name does not resolve, or any address is not public
 * (unless allowPrivate).
 */
export async function checkTarget(raw: string, options: GuardOptions): Promise<CheckedTarget> {
  const url = parseTargetUrl(raw);
  const literal = ipLiteral(url.hostname);
  let addresses: ResolvedAddress[];
  if (literal !== null) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(url.hostname);
    } catch {
      throw new TargetRefused(`host ${url.hostname} does not resolve`);
    }
  }
  const first = addresses[0];
  if (!first) throw new TargetRefused(`host ${url.hostname} does not resolve`);
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad)
      throw new TargetRefused(`${url.hostname} resolves to ${bad.address}, which is not a public address`);
  }
  return { url, address: first };
}
