/**
 * Configuration: every environment variable the server reads, parsed once at boot into one
 * typed object. Problems are listed together so an operator fixes them in one go.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { Limits } from '@copydesk/shared';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).default('./data/copydesk.db'),
  // Empty means unset, as a blank line in an env file would.
  REDIS_URL: z
    .union([z.literal(''), z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })])
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(10).default(500),
  MAX_DOCUMENTS: z.coerce.number().int().min(1).default(5000),
  MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(Limits.messagesPerSecond),
  MAX_MESSAGE_BURST: z.coerce.number().int().min(1).default(Limits.messageBurst),
  TRUST_PROXY: bool.default(false),
});

export interface Config {
  port: number;
  host: string;
  /** Origin browsers use, without a trailing slash. Derived from PORT when unset. */
  publicUrl: string;
  publicUrlSet: boolean;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  /** Links several nodes through Redis pub/sub; undefined runs one node alone. */
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Folder of the built client, served at /. */
  clientDist: string | undefined;
  compactAfterUpdates: number;
  maxDocuments: number;
  /** Token bucket of messages per connection. */
  rateLimit: { perSecond: number; burst: number };
  trustProxy: boolean;
}

export function parseDatabaseUrl(url: string): Config['database'] {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('file:')) return { kind: 'sqlite', path: url === 'file::memory:' ? ':memory:' : resolve(url.slice(5)) };
  if (url === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: resolve(url) };
}

export type EnvResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined> = process.env): EnvResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicUrl,
      publicUrlSet: e.PUBLIC_URL !== undefined,
      database: parseDatabaseUrl(e.DATABASE_URL),
      redisUrl: e.REDIS_URL || undefined,
      logLevel: e.LOG_LEVEL,
      clientDist: e.CLIENT_DIST,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      maxDocuments: e.MAX_DOCUMENTS,
      rateLimit: { perSecond: e.MAX_MESSAGES_PER_SECOND, burst: e.MAX_MESSAGE_BURST },
      trustProxy: e.TRUST_PROXY,
    },
  };
}
