#!/usr/bin/env node
// `npm run test:postgres`: the server suite on PostgreSQL and the multi-node suite (PostgreSQL
// and Redis), starting both services first when they are installed but not running.
import { pnpm } from './pnpm.mjs';
import { ensureTestServices } from './system-deps.mjs';

ensureTestServices();
const onPostgres = pnpm(['exec', 'vitest', 'run', '--project', 'server'], {
  allowFailure: true,
  env: { ...process.env, COPYDESK_TEST_DATABASE: 'postgres' },
});
const multinode = pnpm(['exec', 'vitest', 'run', '--project', 'multinode'], { allowFailure: true });
process.exit(onPostgres !== 0 || multinode !== 0 ? 1 : 0);
