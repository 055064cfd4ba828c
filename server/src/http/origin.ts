/**
 * CSRF defence: a state-changing request must come from our own origin. Hono's csrf()
 * middleware only looks at form submissions, so a cross-origin JSON POST would pass it; this
 * checks every non-safe method. Browsers always send Origin (or at least Sec-Fetch-Site) on
 * such requests; a request with neither did not come from a browser page, so it cannot carry a
 * victim's cookie against their will, and is let through for API clients and scripts.
 */
import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';
import type { AppEnv } from './context.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isAllowedOrigin(origin: string | undefined, secFetchSite: string | undefined, publicOrigin: string): boolean {
  if (origin !== undefined) return origin === publicOrigin;
  if (secFetchSite !== undefined) return secFetchSite === 'same-origin' || secFetchSite === 'none';
  return true;
}

export function originGuard(): MiddlewareHandler<AppEnv> {
  return async function originGuard(c, next) {
    const publicOrigin = c.var.ctx.config.publicUrl;
    if (!SAFE.has(c.req.method) && !isAllowedOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), publicOrigin)) {
      throw errors.badOrigin();
    }
    await next();
  };
}
