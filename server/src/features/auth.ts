/** People and sessions: accounts, sign-in throttling, the first administrator. */
import { bootstrapAdmin } from '../auth/bootstrap.js';
import { SessionStore } from '../auth/sessions.js';
import { LoginThrottle } from '../auth/throttle.js';
import { UserRepo } from '../auth/users.js';
import type { Database } from '../db/database.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import { every, type Feature } from './feature.js';

export interface AuthServices {
  users: UserRepo;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** The one-time token that allows creating the first admin; null once an admin exists. */
  setup: { token: string | null };
}

export async function authFeature(config: Config, database: Database, log: Logger): Promise<Feature<AuthServices>> {
  const users = new UserRepo(database.db);
  const sessions = new SessionStore(database.db);
  const throttle = new LoginThrottle(config.loginThrottle);
  const setup = await bootstrapAdmin(config, users, log);
  const sweep = every(60_000, log, 'housekeeping', () => {
    throttle.sweep();
    sessions.deleteExpired().catch((err: unknown) => log.error({ err }, 'could not delete expired sessions'));
  });
  return { service: { users, sessions, throttle, setup }, ...sweep };
}
