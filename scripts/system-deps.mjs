// What the test suite needs from the operating system, found or installed (root on Debian),
// or named in one clear line when neither is possible.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
