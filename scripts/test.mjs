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

// Every check runs even when an earlier one fails, so one run shows every problem; only a
// failed build skips the tests (they would run against a stale or missing build). The last
// line counts tests, plus one failure for each check that failed outside a test (lint,
// types, build, or a test runner that stopped without a failed test: a file that did not load,
// a web server that did not start).
const failedChecks = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a check; returns whether it succeeded. */
function check(name, args, options = {}) {
  const ok = pnpm(args, { allowFailure: true, ...options }) === 0;
  if (!ok) failedChecks.push(name);
  return ok;
}

/** Runs a test runner that writes a JSON report to `file`, and adds up what it reports. */
function testRun(name, file, args, count, options = {}) {
  const ok = pnpm(args, { allowFailure: true, ...options }) === 0;
  const counts = existsSync(file) ? count(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  if (counts) for (const key of Object.keys(totals)) totals[key] += counts[key];
  if (!ok && !(counts?.failed > 0)) failedChecks.push(name);
}

step('Lint');
check('lint', ['exec', 'eslint', '.']);
step('Typecheck');
check('typecheck', ['-r', 'typecheck']);
step('Build');
if (check('build', ['-r', 'build'])) {
  step('Unit and integration tests (Vitest)');
  const vitestFile = join(results, 'vitest.json');
  testRun(
    'vitest',
    vitestFile,
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`],
    (v) => ({ passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests }),
  );

  step('Server tests again, on PostgreSQL (Vitest)');
  const pgFile = join(results, 'vitest-postgres.json');
  testRun(
    'vitest (PostgreSQL)',
    pgFile,
    ['exec', 'vitest', 'run', '--project', 'server', '--reporter=default', '--reporter=json', `--outputFile.json=${pgFile}`],
    (v) => ({ passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests }),
    { env: { ...process.env, COPYDESK_TEST_DATABASE: 'postgres' } },
  );

  step('End-to-end tests (Playwright, system Chromium)');
  const pwFile = join(results, 'playwright.json');
  testRun(
    'playwright',
    pwFile,
    ['--filter', '@copydesk/e2e', 'test'],
    (p) => ({ passed: p.stats.expected + p.stats.flaky, failed: p.stats.unexpected, skipped: p.stats.skipped }),
    { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile } },
  );
} else {
  console.log('\nThe build failed, so the tests did not run.');
}

const failed = totals.failed + failedChecks.length;
if (failedChecks.length > 0) console.log(`\nFailed outside any test: ${failedChecks.join(', ')}`);
console.log(`\n${totals.passed} passed, ${failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
