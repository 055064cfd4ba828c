/**
 * The production bundle (build.mjs) builds, starts, and signs someone in: native modules
 * (better-sqlite3, argon2) must stay external or the build fails or the bundle cannot load them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, api, serverRoot, spawnServer, tempDir, type ServerProcess } from './helpers.js';

// Inside server/ so the bundle resolves its external modules from server/node_modules.
mkdirSync(join(serverRoot, 'dist'), { recursive: true });
const out = mkdtempSync(join(serverRoot, 'dist', 'build-test-'));
const tmp = tempDir();
let proc: ServerProcess | undefined;

afterAll(async () => {
  await proc?.kill();
  rmSync(out, { recursive: true, force: true });
  tmp.remove();
});

describe('production build', () => {
  it('bundles into one file that runs and verifies a password', async () => {
    const entry = join(out, 'main.js');
    const built = spawnSync(process.execPath, ['build.mjs', entry], { cwd: serverRoot, encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    proc = await spawnServer(join(tmp.dir, 'built.db'), {}, entry);
    const me = await api(proc, proc.admin, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
  }, 60_000);
});
