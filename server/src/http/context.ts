/** What every request handler can reach: the process's services and the signed-in user. */
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { Collab } from '../collab/collab.js';
import type { Database } from '../db/database.js';
import type { Session, SessionStore, SessionUser } from '../auth/sessions.js';
import type { UserRepo } from '../auth/users.js';
import type { LoginThrottle } from '../auth/throttle.js';

export interface AppContext {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  users: UserRepo;
  sessions: SessionStore;
  throttle: LoginThrottle;
  collab: Collab;
  /** One-time token that allows creating the first admin; null once an admin exists. */
  setup: { token: string | null };
}

export interface AppEnv {
  Variables: { ctx: AppContext; user: SessionUser | null; session: Session | null };
}
