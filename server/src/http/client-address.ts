/**
 * The address a request came from, for per-address limits (login throttling). Connected
 * directly, it is the socket's peer. Behind our own proxies (TRUST_PROXY) it is the entry
 * TRUST_PROXY_HOPS from the right of X-Forwarded-For: each proxy appends the address it got the
 * request from, so the rightmost entries are our proxies' and everything left of them is
 * whatever the client chose to send.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
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
