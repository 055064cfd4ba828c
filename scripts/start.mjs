#!/usr/bin/env node
// `npm start`: install dependencies (pinned pnpm, frozen lockfile), build everything, and run
// the server on SQLite with zero configuration. Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { pnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

pnpm(['install', '--frozen-lockfile']);
pnpm(['-r', 'build']);

const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
