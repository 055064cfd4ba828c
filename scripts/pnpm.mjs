#!/usr/bin/env node
// Runs the project's pinned pnpm (from package.json "packageManager") with the given arguments,
// so that every root script works on a machine that has only Node.js and npm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function pnpmCommand() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = String(pkg.packageManager).replace(/^pnpm@/, '');
  const exec = process.env.npm_execpath ?? '';
  if (/pnpm/.test(exec) && process.env.npm_config_user_agent?.includes(`pnpm/${version}`)) {
    return { cmd: process.execPath, prefix: [exec] };
  }
  return { cmd: 'npx', prefix: ['--yes', `pnpm@${version}`] };
}

/** Runs pnpm synchronously; exits the process with pnpm's code when it fails. */
export function pnpm(args, options = {}) {
  const { cmd, prefix } = pnpmCommand();
  const result = spawnSync(cmd, [...prefix, ...args], { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    if (options.allowFailure) return result.status ?? 1;
    process.exit(result.status ?? 1);
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  pnpm(process.argv.slice(2));
}
