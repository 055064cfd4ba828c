/**
 * GET /api/people: the enabled people, for editors choosing assignees. Only what a picker needs
 * (name, colour, role); emails and account state stay on the admin-only /api/users.
 */
import { Hono } from 'hono';
import type { PersonOption } from '@copydesk/shared';
import type { AppEnv } from '../http/context.js';
import { requireRole } from './middleware.js';

export function peopleRoutes() {
  return new Hono<AppEnv>().use(requireRole('editor', 'admin')).get('/', async (c) => {
    const people: PersonOption[] = (await c.var.ctx.users.list())
      .filter((u) => !u.disabled)
      .map(({ id, name, color, role }) => ({ id, name, color, role }));
    return c.json({ people });
  });
}
