/**
 * The address a request came from, for per-address limits (login throttling). Connected
 * directly, it is the socket's peer. Behind our own proxies (TRUST_PROXY) it is the entry
 * TRUST_PROXY_HOPS from the right of X-Forwarded-For: each proxy appends the address it got the
 * request from, so the rightmost entries are our proxies' and everything left of them is
 * whatever the client chose to send.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from './context.js';

/** The entry `hops` from the right of an X-Forwarded-For value, or undefined if it has fewer. */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  const entries = (header ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries[entries.length - hops];
}

export function clientAddress(c: Context<AppEnv>): string {
  const { trustProxy, trustProxyHops } = c.var.ctx.config;
  // With fewer entries than hops the request did not come through all our proxies: its
  // header proves nothing, and the peer is the best we know.
  const forwarded = trustProxy ? forwardedClient(c.req.header('x-forwarded-for'), trustProxyHops) : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The address as one party holds it, for counting: an IPv4 address (also written as IPv6,
 * ::ffff:a.b.c.d), or an IPv6 address's /64, the least a single host is usually given; per
 * IPv6 address, one host could count as 2^64 parties. Anything unparsable is its own key.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  return `${(ip as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(':')}::/64`;
}
