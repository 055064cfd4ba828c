/**
 * GET /api/people: the enabled people, for editors choosing assignees and writers choosing a
 * co-writer. Only what a picker needs (name, colour, role: what carets and the desk show anyway);
 * emails and account state stay on the admin-only /api/users.
 */
import { Hono } from 'hono';
import type { PersonOption } from '@copydesk/shared';
import type { AppEnv } from '../http/context.js';
import { requireUser } from './middleware.js';

export function peopleRoutes() {
  return new Hono<AppEnv>().use(requireUser()).get('/', async (c) => {
    const people: PersonOption[] = (await c.var.ctx.users.list())
      .filter((u) => !u.disabled)
      .map(({ id, name, color, role }) => ({ id, name, color, role }));
    return c.json({ people });
  });
}
