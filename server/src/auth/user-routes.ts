/** People management for admins: list, create, change role/name/colour, disable, reset password. */
import { Hono } from 'hono';
import { createUserSchema, updateUserSchema, type Role } from '@copydesk/shared';
import { errors } from '../errors.js';
import { jsonBody } from '../http/validate.js';
import { revokeLive, type AppEnv } from '../http/context.js';
import { currentUser, requireRole } from './middleware.js';

const ROLE_NAMES = { writer: 'writer', editor: 'editor', admin: 'administrator' } as const;
const AS_ROLE = { writer: 'a writer', editor: 'an editor', admin: 'an administrator' } as const;

/** What the sign-in page tells a person an administrator signed out (a disabled account cannot sign in anyway). */
function endingReason(patch: { role?: Role; disabled?: boolean; password?: string }, from: Role, to: Role): string | undefined {
  if (patch.disabled === true) return undefined;
  if (patch.role !== undefined && from !== to) {
    return `An administrator changed your role from ${ROLE_NAMES[from]} to ${ROLE_NAMES[to]}, which signed you out. Sign in again to continue as ${AS_ROLE[to]}.`;
  }
  if (patch.password !== undefined) return 'An administrator reset your password, which signed you out. Sign in with the new password.';
  return undefined;
}

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
        revokeLive(c.var.ctx, await sessions.invalidateUser(id, keep, endingReason(patch, before.role, user.role)));
      }
      // A new password makes the failures counted against the old one moot: the person can sign
      // in at once, from wherever they were made to wait.
      if (patch.password !== undefined) throttle.clearAccount(before.email);
      if (patch.name !== undefined || patch.color !== undefined) collab.refreshIdentity(user);
      log.info({ userId: id, by: me.id, fields: Object.keys(patch) }, 'user updated');
      return c.json({ user });
    });
}
