/**
 * End-to-end tests against the built app (server/dist + client/dist) on a temporary SQLite
 * database, driving Debian's Chromium (never a downloaded browser).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { admin } from './support/people.js';

const port = Number(process.env.E2E_PORT ?? 3210);
// Set once in the runner; workers inherit it, so every process agrees on one database.
process.env.E2E_DB ??= join(mkdtempSync(join(tmpdir(), 'copydesk-e2e-')), 'e2e.db');

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node ${resolve(import.meta.dirname, '../server/dist/main.js')}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: process.env.E2E_DB,
      LOG_LEVEL: 'warn',
      COPYDESK_ADMIN_EMAIL: admin.email,
      COPYDESK_ADMIN_PASSWORD: admin.password,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,1,2,5',
      // Small enough for limits.spec.ts to reach with one paste; the other specs stay far below.
      MAX_DOCUMENT_BYTES: String(256 * 1024),
    },
  },
});
