/**
 * GET /metrics, Prometheus' text format. Off unless METRICS_TOKEN is set (404, like any
 * unknown path), and then only for a scraper that sends it as a bearer token: the numbers tell
 * how busy the newsroom is and how the server is doing, which is nobody else's business.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';

/** Compared as digests: same length whatever was sent, and in constant time. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

export function metricsRoutes() {
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    const { metrics, config } = c.var.ctx;
    if (!metrics || config.metricsToken === undefined) throw errors.notFound('Page');
    const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (sent === undefined || !sameSecret(sent, config.metricsToken)) {
      throw errors.unauthenticated('Send the metrics token as a bearer token.', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    }
    const { body, contentType } = await metrics.scrape();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', contentType);
    return c.body(body);
  });
}
