/**
 * The orchestrator's side of the load generators: spawns them on the generator core, hands
 * each whole rooms (round robin), runs a typing window across all of them at once and merges
 * what they report.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { benchRoot } from '../paths.js';
import { request } from '../servers/ipc.js';
import { spawnPinned, stopChild } from '../servers/proc.js';
import type { Target } from './clients.js';
import type { FromGenerator, RoomPlan, WindowResult } from './messages.js';

type Connected = Extract<FromGenerator, { type: 'connected' }>;
type Window = Extract<FromGenerator, { type: 'window' }>;

export interface MergedWindow extends WindowResult {
  /** Highest event-loop utilisation of any generator. */
  maxElu: number;
  /** Generator CPU time over wall time, summed over generators (1 = one core saturated). */
  coreShare: number;
  generators: number;
}

export class GeneratorPool {
  private next = 0;

  private constructor(private readonly children: ChildProcess[]) {}

  static async spawn(count: number, cpus: string | undefined): Promise<GeneratorPool> {
    const entry = join(benchRoot, 'src/load/generator.ts');
    const children = Array.from({ length: count }, () => {
      // --import tsx resolves from the working directory: the bench package has tsx.
      const child = spawnPinned(cpus, process.execPath, ['--import', 'tsx', entry], { cwd: benchRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('error', () => {});
      return child;
    });
    return new GeneratorPool(children);
  }

  get size(): number {
    return this.children.length;
  }

  /** Connects the clients of `rooms`, spreading whole rooms over the generators. */
  async connect(target: Target, rooms: RoomPlan[]): Promise<number> {
    const share: RoomPlan[][] = this.children.map(() => []);
    for (const room of rooms) share[this.next++ % this.children.length]!.push(room);
    const started = Date.now();
    await Promise.all(
      this.children.map((child, i) =>
        share[i]!.length === 0
          ? undefined
          : request<Connected>(child, { type: 'connect', target, rooms: share[i]! }, 'connected', 300_000),
      ),
    );
    return Date.now() - started;
  }

  /**
   * Types for `windowMs` at `rate` keystrokes per second per client; `atEnd` runs the moment
   * typing stops (to read the server's memory under load), then deliveries drain.
   */
  async window(rate: number, windowMs: number, drainMs: number, atEnd: () => void): Promise<MergedWindow> {
    for (const child of this.children) child.send({ type: 'start', rate });
    await new Promise((r) => setTimeout(r, windowMs));
    atEnd();
    const results = await Promise.all(
      this.children.map((child) => request<Window>(child, { type: 'stop', drainMs }, 'window', drainMs + 60_000)),
    );
    return merge(results.map((r) => r.result));
  }

  /** Closes every client of every generator; the processes stay for the next scenario. */
  async reset(): Promise<void> {
    await Promise.all(this.children.map((child) => request<Extract<FromGenerator, { type: 'reset-done' }>>(child, { type: 'reset' }, 'reset-done')));
    this.next = 0;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.connected) child.send({ type: 'close' });
        await exitOf(child, 3000);
        await stopChild(child, 'SIGTERM', 2000);
      }),
    );
  }
}

function merge(results: WindowResult[]): MergedWindow {
  const sum = (f: (r: WindowResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const latencies: number[] = [];
  for (const r of results) for (const v of r.latencies) latencies.push(v);
  const wallMs = Math.max(...results.map((r) => r.wallMs));
  return {
    latencies,
    sent: sum((r) => r.sent),
    delivered: sum((r) => r.delivered),
    expected: sum((r) => r.expected),
    rooms: sum((r) => r.rooms),
    clients: sum((r) => r.clients),
    convergedRooms: sum((r) => r.convergedRooms),
    divergentRooms: results.flatMap((r) => r.divergentRooms),
    elu: Math.max(...results.map((r) => r.elu)),
    maxElu: Math.max(...results.map((r) => r.elu)),
    cpuMs: sum((r) => r.cpuMs),
    wallMs,
    coreShare: sum((r) => r.cpuMs) / wallMs,
    generators: results.length,
  };
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(resolve, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
