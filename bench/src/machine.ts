/** What the run happened on: machine, load, versions and commit, so anyone can rerun it. */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchRoot, repoRoot } from './paths.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  loadAverage: number[];
  commit: string;
  dirty: boolean;
  versions: Record<string, string>;
  chromium: string | undefined;
}

const PACKAGES = ['yjs', 'y-protocols', 'y-websocket', 'ws', '@hocuspocus/server', '@hocuspocus/extension-database', 'better-sqlite3', '@hocuspocus/provider', '@y/websocket-server', 'playwright-core'];

function packageVersion(name: string, from: string): string {
  // Every package a workspace member depends on is linked under its own node_modules.
  const manifest = join(from, 'node_modules', name, 'package.json');
  try {
    return String((JSON.parse(readFileSync(realpathSync(manifest), 'utf8')) as { version?: string }).version ?? '?');
  } catch {
    return '?';
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

export function machineInfo(): MachineInfo {
  const versions: Record<string, string> = {};
  for (const p of PACKAGES) versions[p] = packageVersion(p, benchRoot);
  for (const p of ['hono', '@hono/node-ws', 'better-sqlite3', 'kysely', 'yjs']) {
    versions[`server: ${p}`] = packageVersion(p, join(repoRoot, 'server'));
  }
  let chromium: string | undefined;
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    chromium = undefined;
  }
  return {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain']) !== '',
    versions,
    chromium,
  };
}
