// What the test suite needs from the operating system, found or installed (root on Debian),
// or named in one clear line when neither is possible.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

function aptInstall(packages) {
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) return false;
  }
  return true;
}

/**
 * Ensures each requirement is present. A requirement is {name, present(), apt: [packages],
 * hint}. Exits with one line per missing requirement when it cannot install them.
 */
export function ensureSystemDeps(requirements) {
  const missing = requirements.filter((r) => !r.present());
  if (missing.length === 0) return;
  if (isRoot && hasApt && aptInstall(missing.flatMap((r) => r.apt))) {
    const still = missing.filter((r) => !r.present());
    if (still.length === 0) return;
    missing.splice(0, missing.length, ...still);
  }
  for (const r of missing) console.error(`Tests need ${r.name}: ${r.hint}`);
  process.exit(1);
}

export const chromium = {
  name: 'Chromium',
  present: () => existsSync(CHROMIUM),
  apt: ['chromium'],
  hint: `install it (Debian/Ubuntu: apt-get install chromium) so that ${CHROMIUM} exists, or set CHROMIUM_PATH.`,
};

export function commandExists(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// PostgreSQL and Redis for the server suite's second pass and the multi-node tests. The URLs
// are the ones the tests read (server/test/databases.ts); whoever points them elsewhere runs
// those services themselves.
export const TEST_PG_URL = process.env.COPYDESK_TEST_PG_URL || 'postgres://copydesk:copydesk@127.0.0.1:5432/copydesk';
export const TEST_REDIS_URL = process.env.COPYDESK_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Installed PostgreSQL major versions (Debian layout), newest first. */
function postgresVersions() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((v) => existsSync(`${base}/${v}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a));
}

export const postgresql = {
  name: 'PostgreSQL',
  present: () => Boolean(process.env.COPYDESK_TEST_PG_URL) || (postgresVersions().length > 0 && commandExists('psql')),
  apt: ['postgresql'],
  hint: 'install it (Debian/Ubuntu: apt-get install postgresql), or set COPYDESK_TEST_PG_URL to a database you run.',
};

export const redis = {
  name: 'Redis',
  present: () => Boolean(process.env.COPYDESK_TEST_REDIS_URL) || (commandExists('redis-server') && commandExists('redis-cli')),
  apt: ['redis-server'],
  hint: 'install it (Debian/Ubuntu: apt-get install redis-server), or set COPYDESK_TEST_REDIS_URL to a Redis you run.',
};

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, ...options });
}

function postgresAnswers() {
  return run('psql', [TEST_PG_URL, '-XtAc', 'select 1'], { env: { ...process.env, PGCONNECT_TIMEOUT: '3' } }).status === 0;
}

function redisAnswers() {
  return run('redis-cli', ['-u', TEST_REDIS_URL, 'ping']).stdout?.trim() === 'PONG';
}

const isLocal = (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/** As root on Debian: start (or create) the cluster, then the role and database of the URL. */
function startPostgres() {
  const clusters = run('pg_lsclusters', ['-h']).stdout?.trim().split('\n').filter(Boolean) ?? [];
  if (clusters.length === 0) {
    const version = postgresVersions()[0];
    console.log(`Creating and starting PostgreSQL ${version} cluster "main"…`);
    run('pg_createcluster', [version, 'main', '--start'], { stdio: 'inherit' });
  } else {
    for (const line of clusters) {
      const [version, name, , status] = line.split(/\s+/);
      if (status !== 'online') {
        console.log(`Starting PostgreSQL ${version}/${name}…`);
        run('pg_ctlcluster', [version, name, 'start'], { stdio: 'inherit' });
      }
    }
  }
  if (postgresAnswers()) return;
  const url = new URL(TEST_PG_URL);
  const user = decodeURIComponent(url.username);
  const db = url.pathname.slice(1);
  const ident = /^[a-z_][a-z0-9_]*$/;
  if (!ident.test(user) || !ident.test(db)) return;
  const password = decodeURIComponent(url.password).replaceAll("'", "''");
  console.log(`Creating PostgreSQL role and database "${db}" for the tests…`);
  const sql = `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN
        CREATE ROLE ${user} LOGIN PASSWORD '${password}';
      END IF;
    END $$;
    SELECT 'CREATE DATABASE ${db} OWNER ${user}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db}')\\gexec
  `;
  run('su', ['postgres', '-c', 'psql -X -q -v ON_ERROR_STOP=1'], { input: sql, cwd: '/tmp', stdio: ['pipe', 'inherit', 'inherit'] });
}

function startRedis() {
  const port = new URL(TEST_REDIS_URL).port || '6379';
  console.log(`Starting redis-server on 127.0.0.1:${port}…`);
  run('redis-server', ['--daemonize', 'yes', '--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'inherit',
  });
  for (let i = 0; i < 50 && !redisAnswers(); i++) spawnSync('sleep', ['0.1']);
}

/**
 * Makes PostgreSQL and Redis answer at the test URLs: starts them when they are installed here
 * but not running (PostgreSQL needs root for that), or exits with one line saying what to do.
 */
export function ensureTestServices() {
  const problems = [];
  if (!postgresAnswers()) {
    if (isRoot && isLocal(TEST_PG_URL) && postgresVersions().length > 0) startPostgres();
    if (!postgresAnswers()) {
      problems.push(
        `Tests need PostgreSQL at ${TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')}: start it (as root: pg_ctlcluster 15 main start) and create the role and database (README, "Tests"), or set COPYDESK_TEST_PG_URL.`,
      );
    }
  }
  if (!redisAnswers()) {
    if (isLocal(TEST_REDIS_URL) && commandExists('redis-server')) startRedis();
    if (!redisAnswers()) {
      problems.push(`Tests need Redis at ${TEST_REDIS_URL}: start it (redis-server --daemonize yes --save '' --appendonly no), or set COPYDESK_TEST_REDIS_URL.`);
    }
  }
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
}
