/**
 * Where webhooks may go. Only http(s) URLs without credentials, and — unless
 * WEBHOOK_ALLOW_PRIVATE is set — only public addresses: loopback, private, link-local and
 * other special ranges are refused, both when the URL is saved and again at connect time
 * (a DNS name may later resolve to an internal address).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function checkTargetUrl(raw: string, allowPrivate: boolean): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'That is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'Webhook URLs must be http or https.' };
  if (url.username || url.password) return { ok: false, reason: 'Put credentials in the receiver’s checks, not in the URL.' };
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) {
      return { ok: false, reason: 'Webhooks cannot target local or internal hosts.' };
    }
    if (isIP(host) && !isPublicAddress(host)) return { ok: false, reason: 'Webhooks cannot target private or loopback addresses.' };
  }
  return { ok: true, url };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for http.request that refuses private addresses at connect time. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, '', 0);
      const list: LookupAddress[] = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad) {
        const e: NodeJS.ErrnoException = new Error(`refused to connect to ${bad.address}: not a public address`);
        e.code = 'EPRIVATE';
        return callback(e, '', 0);
      }
      callback(null, address, family);
    });
  };
}
