import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

const lookupAll = promisify(dnsLookup);

/** A URL the product refuses to call: not http(s), or resolving to a non-public address. */
export class UnsafeTargetError extends Error {}

/** Only globally routable unicast addresses; loopback, private, link-local (cloud metadata), CGNAT, reserved ... are refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** With private targets allowed (development, tests): loopback and private ranges too, never link-local (cloud metadata) or unspecified. */
const PRIVATE_RANGES = new Set(['unicast', 'loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);
export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  if (!allowPrivate) return isPublicAddress(address);
  return ipaddr.isValid(address) && PRIVATE_RANGES.has(ipaddr.process(address).range());
}

/**
 * SSRF guard for URLs users give the product (webhook subscriptions, integrations' base_url):
 * http(s) only, and every address the host resolves to must be public, unless private targets
 * are allowed (WEBHOOK_ALLOW_PRIVATE_TARGETS, for development and tests; link-local and metadata
 * addresses stay refused). Returns the URL.
 */
export async function assertPublicUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTargetError('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeTargetError('must be an http(s) URL');
  if (url.username || url.password) throw new UnsafeTargetError('must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host) ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await lookupAll(host, { all: true, verbatim: true });
  } catch {
    throw new UnsafeTargetError(`host ${host} does not resolve`);
  }
  const refused = addresses.find((a) => !isAllowedAddress(a.address, allowPrivate));
  if (refused) throw new UnsafeTargetError(`resolves to ${refused.address}, which is not a public address`);
  return url;
}

/**
 * A `lookup` for http(s).request that re-checks at connection time what the host resolves to,
 * so a name that turned private after the URL was accepted (DNS rebinding) is still refused.
 */
export function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const usable = addresses.filter((a) => isAllowedAddress(a.address, allowPrivate));
      if (!usable.length) return callback(new UnsafeTargetError(`${hostname} resolves to no public address`), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}
