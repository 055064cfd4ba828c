/** What every request handler can reach: the process's services, set once per request. */
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { Collab } from '../collab/collab.js';
import type { Database } from '../db/database.js';

export interface AppContext {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  collab: Collab;
}

export interface AppEnv {
  Variables: { ctx: AppContext };
}
