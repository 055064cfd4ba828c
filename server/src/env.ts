/**
 * Configuration: every environment variable the server reads, parsed once at boot into one
 * typed object. Problems are listed together so an operator fixes them in one go.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_BODY_DEPTH, JSON_MAX_DEPTH, Limits } from '@copydesk/shared';
import type { ThrottlePolicy } from './auth/throttle.js';

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
  COPYDESK_METRICS: bool.default(false),
  // Empty means unset. Long enough not to be guessed: it guards the only unauthenticated view
  // of the server's internals.
  METRICS_TOKEN: z.union([z.literal(''), z.string().min(16, 'must have at least 16 characters')]).optional(),
  CLIENT_DIST: z.string().optional(),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(10).default(500),
  GROUP_COMMIT_MS: z.coerce.number().min(0).max(50).default(0),
  MAX_DOCUMENTS: z.coerce.number().int().min(1).default(5000),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(64 * 1024).default(4 * 1024 * 1024),
  MAX_BODY_DEPTH: z.coerce.number().int().min(4).max(JSON_MAX_DEPTH).default(DEFAULT_MAX_BODY_DEPTH),
  COPYDESK_BENCH_TEXT: z.string().regex(/^[a-z]{1,20}$/).optional(),
  MAX_ARTICLES_OPEN_PER_PERSON: z.coerce.number().int().min(1).default(30),
  MAX_CONNECTIONS_PER_PERSON: z.coerce.number().int().min(1).default(60),
  MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(Limits.messagesPerSecond),
  MAX_MESSAGE_BURST: z.coerce.number().int().min(1).default(Limits.messageBurst),
  // The floors leave room for the largest valid request (a comment of 5,000 characters, every
  // one escaped in JSON, is about 40 KB; setup about 5 KB).
  MAX_JSON_BODY_BYTES: z.coerce.number().int().min(65_536).default(1_048_576),
  MAX_AUTH_BODY_BYTES: z.coerce.number().int().min(8_192).default(16_384),
  // At least 2: a restore saves two versions (the text before it, and the restored text).
  MAX_VERSIONS_PER_MINUTE: z.coerce.number().int().min(2).default(6),
  MAX_COMPARE_WORDS: z.coerce.number().int().min(1).default(20_000),
  TRUST_PROXY: bool.default(false),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(20).default(1),
  COPYDESK_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  COPYDESK_ADMIN_PASSWORD: z.string().min(10, 'must have at least 10 characters').optional(),
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_DELAY_FIRST_SECONDS: z.coerce.number().min(0.1).default(1),
  LOGIN_DELAY_MAX_SECONDS: z.coerce.number().min(1).default(900),
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(20),
  LOGIN_ACCOUNT_DELAY_MAX_SECONDS: z.coerce.number().min(1).default(60),
  LOGIN_KNOWN_ADDRESS_DAYS: z.coerce.number().min(0).default(30),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  LOGIN_FORGET_SECONDS: z.coerce.number().int().min(1).default(86_400),
  SITE_URL: z.url().optional(),
  SITE_NAME: z.string().trim().min(1).max(120).default('Copydesk'),
  SITE_DESCRIPTION: z.string().trim().max(500).optional(),
  ARTICLE_PATH_PATTERN: z
    .string()
    .default('/{section}/{slug}')
    .refine((p) => p.startsWith('/') && p.includes('{slug}'), 'must start with / and contain {slug}'),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('0,5,300,1800,7200,18000,36000,50400,72000,86400')
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .refine((list) => list.length > 0 && list.every((n) => Number.isFinite(n) && n >= 0), 'comma-separated seconds, e.g. 0,5,300'),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(15),
});

export interface Config {
  port: number;
  host: string;
  /**
   * Origin browsers use, without a trailing slash: PUBLIC_URL, else http://localhost:PORT. Final
   * here: with PORT=0 (a port chosen at listen time) PUBLIC_URL is required instead.
   */
  publicUrl: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  /** Links several nodes through Redis pub/sub; undefined runs one node alone. */
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Record commit latency and serve it to a parent process over IPC (benchmarks). */
  metrics: boolean;
  /** Bearer token for GET /metrics (Prometheus); undefined leaves metrics off. */
  metricsToken: string | undefined;
  /** Folder of the built client, served at /. */
  clientDist: string | undefined;
  compactAfterUpdates: number;
  /** Least time between the starts of two commits of document updates, under load. */
  groupCommitMs: number;
  maxDocuments: number;
  /** What a client update may do to a document (collab/update-rules.ts). */
  documentLimits: { maxBytes: number; maxDepth: number; benchText: string | undefined };
  /** Articles one person may have open at once (on one node), and sockets. */
  perPerson: { articles: number; connections: number };
  /** Token bucket of messages per connection. */
  rateLimit: { perSecond: number; burst: number };
  /**
   * Largest request body, in bytes: `json` on every /api route, `auth` on the routes anyone can
   * reach without signing in (sign-in, first-run setup).
   */
  bodyLimits: { json: number; auth: number };
  /** Versions people may save on demand per article per minute (version-limit.ts). */
  maxVersionsPerMinute: number;
  /** Longest text (words, either side) compared word by word; longer ones by paragraph (comparisons.ts). */
  maxCompareWords: number;
  trustProxy: boolean;
  /** How many of our own proxies append to X-Forwarded-For: the client is that many entries from the right. */
  trustProxyHops: number;
  admin: { email: string | undefined; password: string | undefined };
  /** Waits after failed password checks: see auth/throttle.ts. */
  loginThrottle: ThrottlePolicy;
  /** The public site that canonical article URLs point to, without a trailing slash. */
  siteUrl: string;
  siteName: string;
  /** The feeds' description (and the reader pages' fallback one); SITE_NAME when unset. */
  siteDescription: string;
  articlePathPattern: string;
  webhooks: { allowPrivate: boolean; retryScheduleSeconds: number[]; timeoutMs: number };
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
  const problems: string[] = [];
  if ((e.COPYDESK_ADMIN_EMAIL === undefined) !== (e.COPYDESK_ADMIN_PASSWORD === undefined)) {
    problems.push('COPYDESK_ADMIN_EMAIL and COPYDESK_ADMIN_PASSWORD go together: set both or neither');
  }
  // The origin is decided here, once: a port picked by the system is known only after listening.
  if (e.PORT === 0 && e.PUBLIC_URL === undefined) {
    problems.push('PUBLIC_URL: required with PORT=0 (the port is chosen when the server listens, so the origin browsers use cannot be derived from it)');
  }
  if (problems.length > 0) return { ok: false, problems };
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicUrl,
      database: parseDatabaseUrl(e.DATABASE_URL),
      redisUrl: e.REDIS_URL || undefined,
      logLevel: e.LOG_LEVEL,
      metrics: e.COPYDESK_METRICS,
      metricsToken: e.METRICS_TOKEN || undefined,
      clientDist: e.CLIENT_DIST,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      groupCommitMs: e.GROUP_COMMIT_MS,
      maxDocuments: e.MAX_DOCUMENTS,
      documentLimits: { maxBytes: e.MAX_DOCUMENT_BYTES, maxDepth: e.MAX_BODY_DEPTH, benchText: e.COPYDESK_BENCH_TEXT },
      perPerson: { articles: e.MAX_ARTICLES_OPEN_PER_PERSON, connections: e.MAX_CONNECTIONS_PER_PERSON },
      rateLimit: { perSecond: e.MAX_MESSAGES_PER_SECOND, burst: e.MAX_MESSAGE_BURST },
      bodyLimits: { json: e.MAX_JSON_BODY_BYTES, auth: e.MAX_AUTH_BODY_BYTES },
      maxVersionsPerMinute: e.MAX_VERSIONS_PER_MINUTE,
      maxCompareWords: e.MAX_COMPARE_WORDS,
      trustProxy: e.TRUST_PROXY,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      admin: { email: e.COPYDESK_ADMIN_EMAIL, password: e.COPYDESK_ADMIN_PASSWORD },
      loginThrottle: {
        pair: { free: e.LOGIN_FREE_FAILURES, firstMs: e.LOGIN_DELAY_FIRST_SECONDS * 1000, maxMs: e.LOGIN_DELAY_MAX_SECONDS * 1000 },
        account: { free: e.LOGIN_ACCOUNT_FREE_FAILURES, firstMs: e.LOGIN_DELAY_FIRST_SECONDS * 1000, maxMs: e.LOGIN_ACCOUNT_DELAY_MAX_SECONDS * 1000 },
        address: { max: e.LOGIN_ADDRESS_MAX_FAILURES, windowMs: e.LOGIN_THROTTLE_WINDOW_SECONDS * 1000 },
        forgetMs: e.LOGIN_FORGET_SECONDS * 1000,
        knownMs: e.LOGIN_KNOWN_ADDRESS_DAYS * 24 * 3600 * 1000,
      },
      siteUrl: (e.SITE_URL ?? publicUrl).replace(/\/+$/, ''),
      siteName: e.SITE_NAME,
      siteDescription: e.SITE_DESCRIPTION || e.SITE_NAME,
      articlePathPattern: e.ARTICLE_PATH_PATTERN,
      webhooks: {
        allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
        retryScheduleSeconds: e.WEBHOOK_RETRY_SCHEDULE,
        timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      },
    },
  };
}
