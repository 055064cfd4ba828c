/**
 * `pnpm bench` / `pnpm bench:quick`: builds the server, runs the suite, writes BENCHMARKS.md
 * (full profile; the others write bench/results/BENCHMARKS.<profile>.md) and the raw results
 * as JSON in bench/results/.
 *
 *   node --import tsx src/cli.ts [--quick] [--servers copydesk,hocuspocus,reference,relay]
 *     [--client-dist <dir>] [--no-build] [--out <file>] [--profile-dir <dir>]
 *     [--parts scenarios,ramp,cold,client] [--scenarios 20x5,100x5,1x50]
 *   node --import tsx src/cli.ts --render bench/results/full.json   (report from a saved run)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchRoot, repoRoot } from './paths.js';
import { PROFILES, type ProfileName } from './profiles.js';
import { renderReport } from './report.js';
import { SERVERS, type ServerName } from './servers/launch.js';
import { PARTS, runSuite, type Part, type SuiteResults } from './suite.js';
import { targets } from './targets.js';

// pnpm hands the script a literal "--" (first for `pnpm bench -- ...`, after --quick for
// `pnpm bench:quick -- ...` through the root script); the script takes no positionals.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const { values } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    servers: { type: 'string' },
    'client-dist': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    'profile-dir': { type: 'string' },
    parts: { type: 'string' },
    scenarios: { type: 'string' },
    render: { type: 'string' },
  },
});

// --render results.json: write the report again from a saved run (e.g. after editing ANALYSIS.md).
if (values.render) {
  const saved = JSON.parse(readFileSync(resolve(values.render), 'utf8')) as SuiteResults;
  const target = resolve(values.out ?? join(repoRoot, 'BENCHMARKS.md'));
  writeFileSync(target, renderReport(saved));
  console.log(`wrote ${target} from ${values.render}`);
  process.exit(0);
}

const profileName: ProfileName = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const names = (values.servers ?? SERVERS.map((s) => s.name).join(',')).split(',') as ServerName[];
for (const n of names) if (!SERVERS.some((s) => s.name === n)) throw new Error(`unknown server ${n}`);

if (!values['no-build']) {
  console.log('building the server (server/build.mjs)');
  execFileSync(process.execPath, ['build.mjs'], { cwd: join(repoRoot, 'server'), stdio: 'inherit' });
}

const command = profileName === 'full' ? 'pnpm bench' : profileName === 'quick' ? 'pnpm bench:quick' : 'bench --smoke';
const results = await runSuite(PROFILES[profileName], {
  servers: names,
  clientDist: resolve(values['client-dist'] ?? join(repoRoot, 'client/dist')),
  command: [command, ...(values.servers ? [`--servers ${values.servers}`] : []), ...(values['client-dist'] ? [`--client-dist ${values['client-dist']}`] : [])].join(' '),
  log: (line) => console.log(line),
  profileDir: values['profile-dir'],
  parts: values.parts ? new Set(values.parts.split(',').filter((p): p is Part => (PARTS as readonly string[]).includes(p))) : undefined,
  scenarios: values.scenarios ? new Set(values.scenarios.split(',')) : undefined,
});

const resultsDir = join(benchRoot, 'results');
mkdirSync(resultsDir, { recursive: true });
// Only a complete full run writes BENCHMARKS.md; partial and smaller runs stay in bench/results.
const partial = Boolean(values.parts || values.scenarios || values.servers);
const label = partial ? `${profileName}-partial` : profileName;
const out = resolve(values.out ?? (label === 'full' ? join(repoRoot, 'BENCHMARKS.md') : join(resultsDir, `BENCHMARKS.${label}.md`)));
writeFileSync(out, renderReport(results));
writeFileSync(join(resultsDir, `${label}.json`), JSON.stringify(results, null, 1));
console.log(`\nwrote ${out} and bench/results/${label}.json (${results.durationS} s)`);
for (const t of targets(results)) console.log(`  ${t.met === undefined ? '?' : t.met ? '✓' : '✗'} ${t.name}: ${t.measured} (required ${t.required})`);
