/** The link between nodes (REDIS_URL), or none: one node alone. */
import { localFanout, type Fanout } from '../collab/fanout.js';
import { RedisFanout } from '../collab/redis-fanout.js';
import type { Database } from '../db/database.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { Feature } from './feature.js';

export function linkFeature(config: Config, database: Database, log: Logger): Feature<{ fanout: Fanout }> {
  const fanout: Fanout = config.redisUrl ? new RedisFanout(config.redisUrl, log) : localFanout;
  if (config.redisUrl && database.kind === 'sqlite') {
    log.warn('REDIS_URL links several nodes, but they share no database on SQLite: use PostgreSQL (DATABASE_URL=postgres://...)');
  }
  return { service: { fanout }, stop: () => fanout.close() };
}
