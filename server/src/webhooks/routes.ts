/** Admin REST for webhook endpoints and their deliveries. */
import { Hono } from 'hono';
import { z } from 'zod';
import { DeliveryPage } from '@copydesk/shared';
import { errors } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { WEBHOOK_EVENTS } from './endpoints.js';
import { checkTargetUrl } from './targets.js';

const endpointSchema = z.object({
  url: z.string().trim().max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event'),
  description: z.string().trim().max(200).default(''),
});

const patchSchema = z
  .object({
    url: z.string().trim().max(2000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event'),
    description: z.string().trim().max(200),
    enabled: z.boolean(),
  })
  .partial();

export function webhookRoutes() {
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', async (c) => c.json({ endpoints: await c.var.ctx.endpoints.list(), events: WEBHOOK_EVENTS }))
    .post('/', jsonBody(endpointSchema), async (c) => {
      const body = c.req.valid('json');
      const target = checkTargetUrl(body.url, c.var.ctx.config.webhooks.allowPrivate);
      if (!target.ok) throw errors.badTarget(target.reason);
      const { id, secret } = await c.var.ctx.endpoints.create({ ...body, url: target.url.href });
      // The secret is shown once, here; afterwards only a rotation produces a new one.
      return c.json({ endpoint: await c.var.ctx.endpoints.get(id), secret }, 201);
    })
    .patch('/:id', jsonBody(patchSchema), async (c) => {
      const { endpoints, config, worker } = c.var.ctx;
      const id = c.req.param('id');
      if (!(await endpoints.row(id))) throw errors.notFound('Webhook endpoint');
      const body = c.req.valid('json');
      if (body.url !== undefined) {
        const target = checkTargetUrl(body.url, config.webhooks.allowPrivate);
        if (!target.ok) throw errors.badTarget(target.reason);
        body.url = target.url.href;
      }
      await endpoints.update(id, body);
      if (body.enabled) worker.wake();
      return c.json({ endpoint: await endpoints.get(id) });
    })
    .delete('/:id', async (c) => {
      if (!(await c.var.ctx.endpoints.remove(c.req.param('id')))) throw errors.notFound('Webhook endpoint');
      return c.json({ ok: true });
    })
    .post('/:id/rotate-secret', async (c) => {
      const { endpoints } = c.var.ctx;
      const id = c.req.param('id');
      if (!(await endpoints.row(id))) throw errors.notFound('Webhook endpoint');
      const secret = await endpoints.rotate(id);
      return c.json({ endpoint: await endpoints.get(id), secret });
    })
    .get('/:id/deliveries', async (c) => {
      const id = c.req.param('id');
      if (!(await c.var.ctx.endpoints.row(id))) throw errors.notFound('Webhook endpoint');
      const raw = c.req.query('limit');
      const limit = raw === undefined ? DeliveryPage.size : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > DeliveryPage.max) {
        throw errors.badLimit(DeliveryPage.max);
      }
      return c.json(await c.var.ctx.deliveries.list({ endpointId: id }, limit));
    });
}

export function deliveryRoutes() {
  return new Hono<AppEnv>().use(requireRole('admin')).post('/:id/redeliver', async (c) => {
    const { deliveries, worker } = c.var.ctx;
    if (!(await deliveries.redeliver(c.req.param('id')))) throw errors.notFound('Delivery');
    worker.wake();
    return c.json({ ok: true });
  });
}
