/**
 * Where to go after signing in. `?next=` comes from the address bar, so anyone can write it:
 * only a path on this site is followed, never another origin (`//evil.com`, `https://…`,
 * `/\evil.com`, `javascript:`), and never back to the sign-in or setup pages.
 */

export const DEFAULT_AFTER_LOGIN = '/';

const PAGES_NOT_TO_RETURN_TO = new Set(['/login', '/setup']);
const BASE = 'https://copydesk.invalid';

function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A same-site path (with its query and hash) to go to, or the desk. */
export function safeNext(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return DEFAULT_AFTER_LOGIN;
  // One leading slash, not two (`//x` is another host); no backslash anywhere (browsers read
  // `/\x` as `//x`); no control characters or spaces, which URL parsing would strip.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControlOrSpace(value)) {
    return DEFAULT_AFTER_LOGIN;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_LOGIN;
  if (PAGES_NOT_TO_RETURN_TO.has(url.pathname.replace(/\/+$/, '') || '/')) return DEFAULT_AFTER_LOGIN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's location, remembering where the person was (the desk needs no `next`). */
export function loginLocation(from: string): { name: 'login'; query: { next?: string } } {
  const next = safeNext(from);
  return { name: 'login', query: next === DEFAULT_AFTER_LOGIN ? {} : { next } };
}
