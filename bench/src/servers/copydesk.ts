/**
 * Copydesk under test: the built server (server/dist/main.js; from source with tsx when it is
 * not built, e.g. in the smoke test), SQLite, metrics over IPC, and clients that get in the
 * way a newsroom's do: through the API, with a session.
 */
import { BENCH_TEXT } from '../load/wire.js';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';

export const COPYDESK_ADMIN = { email: 'bench-admin@copydesk.test', password: 'bench-admin-password-1' };

export interface CopydeskSession {
  /** Headers for every request and the WebSocket upgrade: session cookie and Origin. */
  headers: Record<string, string>;
  /** Always true: the session holds the cookie of a successful login. */
  authenticated: boolean;
  createArticle(headline: string): Promise<string>;
}

/**
 * The one place Copydesk clients authenticate. Logs in as the first admin (created by the
 * server from COPYDESK_ADMIN_EMAIL/PASSWORD) through POST /api/auth/login and keeps the
 * session cookie; every request and WebSocket upgrade sends it with `Origin` = PUBLIC_URL
 * (the server refuses state-changing requests and sockets from any other origin). A failed
 * login is an error: nothing in Copydesk works without a session.
 */
export async function copydeskSession(baseUrl: string, credentials = COPYDESK_ADMIN): Promise<CopydeskSession> {
  const headers: Record<string, string> = { origin: baseUrl };
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('login succeeded but set no cookie');
  headers.cookie = cookies.join('; ');
  return {
    headers,
    authenticated: true,
    async createArticle(headline) {
      const res = await fetch(`${baseUrl}/api/articles`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ headline }),
      });
      if (res.status !== 201) throw new Error(`create article: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { article: { id: string } };
      return body.article.id;
    },
  };
}

export interface CopydeskEntry {
  command: string;
  args: string[];
  built: boolean;
}

/**
 * The built server when there is one, else the source through tsx. With `profileDir`, V8
 * writes a CPU profile there when the server stops (open it in Chrome DevTools).
 */
export function copydeskEntry(profileDir?: string): CopydeskEntry {
  const dist = join(repoRoot, 'server/dist/main.js');
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  if (existsSync(dist)) return { command: process.execPath, args: [...prof, dist], built: true };
  return { command: process.execPath, args: [...prof, '--import', 'tsx', join(repoRoot, 'server/src/main.ts')], built: false };
}

export function copydeskEnv(port: number, dbPath: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: dbPath,
    LOG_LEVEL: 'warn',
    COPYDESK_METRICS: '1',
    COPYDESK_ADMIN_EMAIL: COPYDESK_ADMIN.email,
    COPYDESK_ADMIN_PASSWORD: COPYDESK_ADMIN.password,
    // The light clients type pre-encoded updates into a plain top-level Y.Text (load/wire.ts),
    // which the article's rules refuse unless named here.
    COPYDESK_BENCH_TEXT: BENCH_TEXT,
    // Every generated client signs in as the one bench account: lift the per-person caps.
    MAX_ARTICLES_OPEN_PER_PERSON: '1000000',
    MAX_CONNECTIONS_PER_PERSON: '1000000',
    ...extra,
  };
}

export type { ChildProcess };
