#!/usr/bin/env node
// `npm test`: every check and every test — lint, types, unit and integration (Vitest, real
// server, real y-websocket clients; the server suite once on SQLite and once on PostgreSQL;
// several server processes on PostgreSQL and Redis) and end-to-end (Playwright driving the
// system Chromium against the built app). Installs and starts what it can; ends with one
// "N passed, N failed" line.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { pnpm } from './pnpm.mjs';
import { chromium, ensureSystemDeps, ensureTestServices, postgresql, redis } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const step = (title) => console.log(`\n=== ${title}`);

step('Install');
pnpm(['install', '--frozen-lockfile']);
ensureSystemDeps([chromium, postgresql, redis]);
ensureTestServices();

step('Lint');
pnpm(['exec', 'eslint', '.']);
step('Typecheck');
pnpm(['-r', 'typecheck']);
step('Build');
pnpm(['-r', 'build']);

const vitest = (name, args, env = process.env) =>
  pnpm(['exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, name)}`], {
    allowFailure: true,
    env,
  }) === 0 ? 0 : 1;

let failedSteps = 0;
step('Unit and integration tests on SQLite, multi-node tests on PostgreSQL and Redis (Vitest)');
failedSteps += vitest('vitest.json', []);
step('Server tests again, on PostgreSQL (Vitest)');
failedSteps += vitest('vitest-postgres.json', ['--project', 'server'], { ...process.env, COPYDESK_TEST_DATABASE: 'postgres' });

step('End-to-end tests (Playwright, system Chromium)');
failedSteps += pnpm(['--filter', '@copydesk/e2e', 'test'], {
  allowFailure: true,
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'playwright.json') },
}) === 0 ? 0 : 1;

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of ['vitest.json', 'vitest-postgres.json']) {
  const file = join(results, name);
  if (!existsSync(file)) continue;
  const v = JSON.parse(readFileSync(file, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
}
const pwFile = join(results, 'playwright.json');
if (existsSync(pwFile)) {
  const p = JSON.parse(readFileSync(pwFile, 'utf8'));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
}
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
