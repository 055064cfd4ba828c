import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Checkpointer, type CheckpointResult } from './checkpointer.js';
import { openDatabase } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-ckpt-'));
  dirs.push(dir);
  return join(dir, 'db.sqlite');
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('Checkpointer', () => {
  it('copies the write-ahead log into the database file from its own thread', async () => {
    const path = tempDb();
    const db = new SQLite(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(4096, i));
    const results: CheckpointResult[] = [];
    const errors: string[] = [];
    const checkpointer = new Checkpointer(path, 20, (r) => results.push(r), (e) => errors.push(e));
    await until(() => results.some((r) => r.checkpointed > 0 && r.checkpointed === r.log));
    await checkpointer.stop();
    expect(errors).toEqual([]);
    expect(results.some((r) => r.checkpointed > 0 && r.checkpointed === r.log)).toBe(true);
    db.close();
  });

  it('keeps the log bounded under a steady stream of commits, and closes cleanly', async () => {
    const path = tempDb();
    const database = await openDatabase({ kind: 'sqlite', path });
    database.sqlite!.exec('CREATE TABLE t (x BLOB)');
    const insert = database.sqlite!.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 6000; i++) {
      insert.run(Buffer.alloc(64, i % 250));
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    // Without a checkpoint that lets it start over, 6,000 commits leave a log of ~6,000 pages.
    expect(statSync(`${path}-wal`).size).toBeLessThan(2000 * 4096);
    await database.close();
    // Closing the last connection checkpoints and removes the log.
    expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
  });
});
