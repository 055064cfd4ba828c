/**
 * The first administrator: created at start from COPYDESK_ADMIN_EMAIL/PASSWORD when no admin
 * exists; otherwise, while there is no admin, a one-time setup token is printed to the console
 * and the /setup page accepts it once. There is never a default password.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import { EmailTakenError, type UserRepo } from './users.js';

export async function bootstrapAdmin(config: Config, users: UserRepo, log: Logger): Promise<{ token: string | null }> {
  if ((await users.countActiveAdmins()) > 0) return { token: null };
  const { email, password } = config.admin;
  if (email && password) {
    const existing = await users.findByEmail(email);
    if (existing) {
      await users.update(existing.id, { role: 'admin', disabled: false, password });
      log.info({ email }, 'promoted the configured account to administrator');
    } else {
      try {
        await users.create({ email, password, name: email.split('@')[0] ?? 'Administrator', role: 'admin' });
        log.info({ email }, 'created the first administrator from COPYDESK_ADMIN_EMAIL');
      } catch (err) {
        // Several nodes starting at once race to create it; one wins, the others find it made.
        if (!(err instanceof EmailTakenError)) throw err;
      }
    }
    return { token: null };
  }
  const token = randomBytes(18).toString('base64url');
  log.warn(
    { setupUrl: `${config.publicUrl}/setup?token=${token}` },
    `No administrator yet. Open ${config.publicUrl}/setup?token=${token} to create one (this token works once, until restart).`,
  );
  return { token };
}
