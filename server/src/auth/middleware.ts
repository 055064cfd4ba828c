/**
 * Session middleware: loads the session from the cookie on every request (renewing the cookie
 * when the session slid), and guards that require a signed-in user or a role.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '@copydesk/shared';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './cookies.js';
import type { SessionUser } from './sessions.js';

export function sessionLoader(): MiddlewareHandler<AppEnv> {
  return async function sessionLoader(c, next) {
    const { config, sessions } = c.var.ctx;
    const token = readSessionCookie(c, config.publicUrl);
    c.set('user', null);
    c.set('session', null);
    c.set('sessionEnded', null);
    if (token) {
      const result = await sessions.validate(token);
      if (result.session) {
        c.set('user', result.user);
        c.set('session', result.session);
        if (result.renewed) writeSessionCookie(c, config.publicUrl, token, result.session.expiresAt);
      } else if (result.ended) {
        // Someone else ended it: keep the cookie (it opens nothing) so that every request, the
        // editor's included, can say why until the person signs in again.
        c.set('sessionEnded', result.ended);
      } else {
        clearSessionCookie(c, config.publicUrl);
      }
    }
    await next();
  };
}

/** The signed-in user, or a 401 (saying why, when an administrator ended the session). */
export function currentUser(c: { var: AppEnv['Variables'] }): SessionUser {
  const user = c.var.user;
  if (!user) throw errors.unauthenticated(c.var.sessionEnded ?? undefined);
  return user;
}

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUser(c, next) {
    currentUser(c);
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const user = currentUser(c);
    if (!roles.includes(user.role)) throw errors.forbidden();
    await next();
  };
}
