/** People management for admins: list, create, change role/name/colour, disable, reset password. */
import { Hono } from 'hono';
import { createUserSchema, updateUserSchema } from '@copydesk/shared';
import { errors } from '../errors.js';
import { jsonBody } from '../http/validate.js';
import { revokeLive, type AppEnv } from '../http/context.js';
import { currentUser, requireRole } from './middleware.js';

export function userRoutes() {
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', async (c) => c.json({ users: await c.var.ctx.users.list() }))
    .post('/', jsonBody(createUserSchema), async (c) => {
      const user = await c.var.ctx.users.create(c.req.valid('json'));
      c.var.ctx.log.info({ userId: user.id, role: user.role, by: currentUser(c).id }, 'user created');
      return c.json({ user }, 201);
    })
    .patch('/:id', jsonBody(updateUserSchema), async (c) => {
      const { users, sessions, throttle, collab, log } = c.var.ctx;
      const me = currentUser(c);
      const id = c.req.param('id');
      const patch = c.req.valid('json');
      const result = await users.update(id, patch);
      if (!result) throw errors.notFound('User');
      const { before, user } = result;
      // Anything that changes what this person may do ends their sessions everywhere, so no
      // open tab keeps rights it no longer has. An admin resetting their own password keeps
      // the session they are using.
      const roleChanged = patch.role !== undefined && patch.role !== before.role;
      if (roleChanged || patch.disabled === true || patch.password !== undefined) {
        const keep = id === me.id && !roleChanged && patch.disabled !== true ? c.var.session?.id : undefined;
        revokeLive(c.var.ctx, await sessions.invalidateUser(id, keep));
      }
      // A new password makes the failures counted against the old one moot: the person can sign
      // in at once, from wherever they were made to wait.
      if (patch.password !== undefined) throttle.clearAccount(before.email);
      if (patch.name !== undefined || patch.color !== undefined) collab.refreshIdentity(user);
      log.info({ userId: id, by: me.id, fields: Object.keys(patch) }, 'user updated');
      return c.json({ user });
    });
}
