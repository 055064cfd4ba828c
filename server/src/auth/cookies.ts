/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure with the __Host- prefix when the
 * public URL is https (the prefix makes browsers refuse it without Secure, a Domain or Path=/).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'copydesk_session';

const isSecure = (publicUrl: string) => publicUrl.startsWith('https:');

export function readSessionCookie(c: Context, publicUrl: string): string | undefined {
  return isSecure(publicUrl) ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, publicUrl: string, token: string, expiresAt: Date): void {
  const secure = isSecure(publicUrl);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    expires: expiresAt,
    ...(secure ? { prefix: 'host' as const } : {}),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string): void {
  const secure = isSecure(publicUrl);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax', ...(secure ? { prefix: 'host' as const } : {}) });
}
