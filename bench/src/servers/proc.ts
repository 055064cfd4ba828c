/**
 * Processes of the benchmark: spawning on a pinned core (taskset), reading a process's CPU
 * time and resident memory from /proc (so no server has to cooperate), and free ports.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';

export interface Pinning {
  /** CPU list for the server under test, e.g. "0"; undefined when pinning is unavailable. */
  server: string | undefined;
  /** CPU list for load generators. */
  generator: string | undefined;
  note: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function detectPinning(): Pinning {
  const cores = availableParallelism();
  if (cores < 2) return { server: undefined, generator: undefined, note: `not pinned: ${cores} core` };
  if (!hasTaskset()) return { server: undefined, generator: undefined, note: 'not pinned: taskset unavailable' };
  return { server: '0', generator: '1', note: 'server on core 0, generators on core 1 (taskset)' };
}

/** Spawns `command args` on the given CPUs (all of its threads inherit the affinity). */
export function spawnPinned(cpus: string | undefined, command: string, args: string[], options: SpawnOptions): ChildProcess {
  if (cpus === undefined) return spawn(command, args, options);
  return spawn('taskset', ['-c', cpus, command, ...args], options);
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU time of a process (all its threads), in milliseconds. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) / ticksPerSecond()) * 1000;
}

/** Resident set size of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

export function procAvailable(): boolean {
  return existsSync('/proc/self/stat');
}

/** A TCP port free on loopback right now (the server binds it moments later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves when the child exits; sends `signal` first, SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
