/**
 * The whole suite: every server through every scenario (each on a freshly started process),
 * the capacity ramp, the cold load, then the client-side figures. Failures are recorded per
 * part and the run goes on, so one broken peer never hides the others' figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureBundle, type BundleReport } from './client/bundle.js';
import { keystrokeSkipReason, measureKeystrokes, type KeystrokeReport } from './client/keystroke.js';
import { buildHistory, coldLoad, type ColdLoadResult, type History } from './cold-load.js';
import { GeneratorPool } from './load/pool.js';
import { machineInfo, type MachineInfo } from './machine.js';
import type { Profile } from './profiles.js';
import { runRamp, type RampResult } from './ramp.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import { SERVERS, launch, type LaunchOptions, type ServerInfo, type ServerName, type ServerUnderTest } from './servers/launch.js';
import { detectPinning, type Pinning } from './servers/proc.js';

export interface ServerResults {
  name: ServerName;
  label: string;
  description: string;
  persists: boolean;
  scenarios: Record<string, ScenarioResult>;
  ramp: RampResult | undefined;
  coldLoad: ColdLoadResult | undefined;
  /** Copydesk: whether clients logged in, and whether the built bundle ran. */
  authenticated?: boolean;
  built?: boolean;
  errors: string[];
}

export interface SuiteResults {
  profile: Profile;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationS: number;
  machine: MachineInfo;
  machineAtEnd: { loadAverage: number[] };
  pinning: Pinning;
  servers: ServerResults[];
  bundle: BundleReport;
  keystroke: KeystrokeReport;
}

export interface SuiteOptions {
  servers: ServerName[];
  clientDist: string;
  command: string;
  log: (line: string) => void;
  profileDir?: string;
  /** Parts to run (default all): scenarios, ramp, cold, client. */
  parts?: Set<Part>;
  /** Scenario keys to run (default all of the profile's). */
  scenarios?: Set<string>;
}

export type Part = 'scenarios' | 'ramp' | 'cold' | 'client';
export const PARTS: readonly Part[] = ['scenarios', 'ramp', 'cold', 'client'];

async function withServer<T>(info: ServerInfo, launchOptions: LaunchOptions, run: (s: ServerUnderTest) => Promise<T>, onStart?: (s: ServerUnderTest) => void): Promise<T> {
  const server = await launch(info, launchOptions);
  onStart?.(server);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs part by part, every server in turn within each part (scenario-major), so a change in
 * the machine's background load over the minutes of a run falls on all servers of a figure
 * alike rather than on whichever server happened to run then.
 */
async function runParts(infos: ServerInfo[], profile: Profile, history: History, pool: GeneratorPool, launchOptions: LaunchOptions, options: SuiteOptions): Promise<ServerResults[]> {
  const log = options.log;
  const part = (p: Part) => !options.parts || options.parts.has(p);
  const results = infos.map(
    (info): ServerResults => ({ name: info.name, label: info.label, description: info.description, persists: info.persists, scenarios: {}, ramp: undefined, coldLoad: undefined, errors: [] }),
  );
  const each = async (what: string, run: (info: ServerInfo, out: ServerResults) => Promise<string>) => {
    for (const [i, info] of infos.entries()) {
      const out = results[i]!;
      try {
        log(`  ${what}, ${info.label}: ${await run(info, out)}`);
      } catch (err) {
        out.errors.push(`${what}: ${message(err)}`);
        log(`  ${what}, ${info.label}: FAILED ${message(err)}`);
        await pool.reset().catch(() => undefined);
      }
    }
  };
  const noteServer = (out: ServerResults) => (s: ServerUnderTest) => {
    if (s.authenticated !== undefined) out.authenticated = s.authenticated;
    if (s.built !== undefined) out.built = s.built;
  };
  for (const spec of profile.scenarios) {
    if (!part('scenarios') || (options.scenarios && !options.scenarios.has(spec.key))) continue;
    log(spec.title);
    await each(spec.key, async (info, out) => {
      const r = await withServer(info, launchOptions, (s) => runScenario(s, spec, profile.timing, pool), noteServer(out));
      out.scenarios[spec.key] = r;
      return `p99 ${r.latency.p99.toFixed(1)} ms, ${r.cpuPerEditUs.toFixed(1)} us CPU/delivered edit, ${r.convergedRooms}/${r.rooms} rooms converged, generator ELU ${r.generator.maxElu.toFixed(2)}`;
    });
  }
  if (part('ramp')) {
    log('capacity ramp');
    await each('ramp', async (info, out) => {
      out.ramp = await withServer(info, launchOptions, (s) => runRamp(s, profile.ramp, profile.rampTiming, pool), noteServer(out));
      return `capacity ${out.ramp.capacity} clients (stopped by ${out.ramp.stoppedBy})`;
    });
  }
  if (part('cold')) {
    log(`cold load (${history.edits} edits)`);
    await each('cold load', async (info, out) => {
      if (!info.persists) return 'not measured (keeps documents in memory only)';
      out.coldLoad = await withServer(info, launchOptions, (s) => coldLoad(s, history, profile.coldLoad.samples), noteServer(out));
      return `${out.coldLoad.syncMs.toFixed(0)} ms, ${out.coldLoad.bytes} bytes`;
    });
  }
  return results;
}

async function clientSide(profile: Profile, options: SuiteOptions, launchOptions: LaunchOptions): Promise<{ bundle: BundleReport; keystroke: KeystrokeReport }> {
  const bundle = measureBundle(options.clientDist);
  if (options.parts && !options.parts.has('client')) return { bundle, keystroke: { measured: false, reason: 'client part not run' } };
  if (!profile.keystroke) return { bundle, keystroke: { measured: false, reason: `not run in the ${profile.name} profile` } };
  const skip = keystrokeSkipReason(options.clientDist);
  if (skip) return { bundle, keystroke: { measured: false, reason: skip } };
  const copydesk = SERVERS.find((s) => s.name === 'copydesk')!;
  try {
    const keystroke = await withServer(copydesk, { ...launchOptions, copydeskEnv: { CLIENT_DIST: options.clientDist } }, (s) =>
      measureKeystrokes(s, s.target().headers.origin!),
    );
    return { bundle, keystroke };
  } catch (err) {
    return { bundle, keystroke: { measured: false, reason: `failed: ${message(err)}` } };
  }
}

export async function runSuite(profile: Profile, options: SuiteOptions): Promise<SuiteResults> {
  const started = new Date();
  const machine = machineInfo();
  const pinning = detectPinning();
  const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-bench-'));
  const launchOptions: LaunchOptions = { cpus: pinning.server, dataDir, profileDir: options.profileDir };
  options.log(`profile ${profile.name}; ${pinning.note}; load average ${machine.loadAverage.join(' ')}`);
  const history = buildHistory(profile.coldLoad.edits);
  let servers: ServerResults[] = [];
  const pool = await GeneratorPool.spawn(2, pinning.generator);
  try {
    servers = await runParts(SERVERS.filter((s) => options.servers.includes(s.name)), profile, history, pool, launchOptions, options);
  } finally {
    await pool.close();
  }
  options.log('client side');
  const client = await clientSide(profile, options, launchOptions);
  rmSync(dataDir, { recursive: true, force: true });
  const finished = new Date();
  return {
    profile,
    command: options.command,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationS: Math.round((finished.getTime() - started.getTime()) / 1000),
    machine,
    machineAtEnd: { loadAverage: machineInfo().loadAverage },
    pinning,
    servers,
    ...client,
  };
}
