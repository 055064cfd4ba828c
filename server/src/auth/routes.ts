/** Sign-in, sign-out, the current user, and first-run setup of the first admin. */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { loginSchema, passwordSchema, setupSchema } from '@copydesk/shared';
import { errors } from '../errors.js';
import { clientAddress } from '../http/client-address.js';
import { jsonBody } from '../http/validate.js';
import { revokeLive, type AppEnv } from '../http/context.js';
import { clearSessionCookie, writeSessionCookie } from './cookies.js';
import { currentUser, requireUser } from './middleware.js';
import { verifyPassword } from './passwords.js';
import { generateSessionToken } from './sessions.js';
import { toPublicUser } from './users.js';

async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { sessions, config } = c.var.ctx;
  const token = generateSessionToken();
  const session = await sessions.create(token, userId);
  writeSessionCookie(c, config.publicUrl, token, session.expiresAt);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authRoutes() {
  return new Hono<AppEnv>()
    .post('/auth/login', jsonBody(loginSchema), async (c) => {
      const { users, throttle } = c.var.ctx;
      const { email, password } = c.req.valid('json');
      const accountKey = email.toLowerCase();
      const admission = throttle.begin(accountKey, clientAddress(c));
      if (!admission.ok) throw errors.tooManyAttempts(admission.retryAfter);
      const row = await users.findByEmail(accountKey);
      const ok = await verifyPassword(row?.password_hash, password);
      // A failure needs no recording: begin() counted it already.
      if (!row || !ok || Number(row.disabled) !== 0) throw errors.invalidCredentials();
      admission.succeeded();
      await startSession(c, row.id);
      return c.json({ user: toPublicUser(row) });
    })
    .post('/auth/logout', async (c) => {
      const { sessions, config } = c.var.ctx;
      const session = c.var.session;
      if (session) {
        await sessions.invalidate(session.id);
        revokeLive(c.var.ctx, [session.id]);
      }
      clearSessionCookie(c, config.publicUrl);
      return c.json({ ok: true });
    })
    .get('/me', (c) => {
      const user = currentUser(c);
      return c.json({ user });
    })
    .post(
      '/me/password',
      requireUser(),
      jsonBody(z.object({ current: z.string().max(200), password: passwordSchema })),
      async (c) => {
        const { users, sessions, throttle } = c.var.ctx;
        const me = currentUser(c);
        const { current, password } = c.req.valid('json');
        // Someone at an unattended desk could otherwise guess the current password at argon2's
        // pace: counted with the person's sign-ins, under the same limits.
        const admission = throttle.begin(me.email, clientAddress(c));
        if (!admission.ok) throw errors.tooManyAttempts(admission.retryAfter, 'wrong passwords');
        const row = await users.get(me.id);
        if (!row || !(await verifyPassword(row.password_hash, current))) {
          throw errors.wrongPassword();
        }
        admission.succeeded();
        await users.update(me.id, { password });
        throttle.clearAccount(me.email);
        revokeLive(c.var.ctx, await sessions.invalidateUser(me.id, c.var.session?.id));
        return c.json({ ok: true });
      },
    )
    .get('/setup', (c) => c.json({ needed: c.var.ctx.setup.token !== null }))
    .post('/setup', jsonBody(setupSchema), async (c) => {
      const { users, setup, log } = c.var.ctx;
      const body = c.req.valid('json');
      if (setup.token === null || (await users.countActiveAdmins()) > 0) {
        throw errors.alreadySetUp();
      }
      if (!sameToken(body.token, setup.token)) throw errors.badSetupToken();
      const user = await users.create({ email: body.email, name: body.name, role: 'admin', password: body.password });
      setup.token = null;
      log.info({ userId: user.id }, 'first administrator created through setup');
      await startSession(c, user.id);
      return c.json({ user }, 201);
    });
}
