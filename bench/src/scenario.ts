/**
 * One load scenario against one freshly started server: rooms of clients typing for a
 * measured window, with the server's CPU time, memory and commit latency read around it.
 */
import type { GeneratorPool, MergedWindow } from './load/pool.js';
import type { RoomPlan } from './load/messages.js';
import type { ServerUnderTest } from './servers/launch.js';
import { summarize, type Summary } from './stats.js';

export interface LoadSpec {
  key: string;
  title: string;
  rooms: number;
  clientsPerRoom: number;
  /** Real provider clients per room; the rest are light clients. */
  providersPerRoom: number;
}

export interface Timing {
  /** Keystrokes per second per client. */
  rate: number;
  windowMs: number;
  drainMs: number;
  settleMs: number;
}

export interface ScenarioResult {
  key: string;
  rooms: number;
  clients: number;
  latency: Summary;
  sent: number;
  delivered: number;
  expected: number;
  convergedRooms: number;
  divergentRooms: string[];
  serverCpuMs: number;
  /** Server CPU time per delivered edit, microseconds. */
  cpuPerEditUs: number;
  rssBytes: number;
  rssIdleBytes: number;
  rssPerRoomBytes: number;
  generator: { maxElu: number; coreShare: number; count: number };
  connectMs: number;
  /** Accepted update to durable commit, ms (servers that persist). */
  commit: Summary | undefined;
  /** Changes still waiting for their store when the window ended (age so far, ms). */
  commitWaiting: Summary | undefined;
}

export function roomPlans(names: string[], spec: Pick<LoadSpec, 'clientsPerRoom' | 'providersPerRoom'>): RoomPlan[] {
  const providers = Math.min(spec.providersPerRoom, spec.clientsPerRoom);
  return names.map((name) => ({ name, providers, lights: spec.clientsPerRoom - providers }));
}

/** Runs one scenario with `pool`'s generators (reset afterwards, ready for the next). */
export async function runScenario(server: ServerUnderTest, spec: LoadSpec, timing: Timing, pool: GeneratorPool): Promise<ScenarioResult> {
  const rssIdleBytes = server.rssBytes();
  const names = await server.createRooms(spec.rooms, spec.title);
  try {
    const connectMs = await pool.connect(server.target(), roomPlans(names, spec));
    await new Promise((r) => setTimeout(r, timing.settleMs));
    await server.commitLatency(true);
    const cpuBefore = server.cpuMs();
    let rssBytes = Number.NaN;
    const w = await pool.window(timing.rate, timing.windowMs, timing.drainMs, () => {
      rssBytes = server.rssBytes();
    });
    const serverCpuMs = server.cpuMs() - cpuBefore;
    const commit = await server.commitLatency(false);
    return result(spec, w, { serverCpuMs, rssBytes, rssIdleBytes, connectMs, commit });
  } finally {
    await pool.reset();
  }
}

export function result(
  spec: Pick<LoadSpec, 'key' | 'rooms'>,
  w: MergedWindow,
  m: {
    serverCpuMs: number;
    rssBytes: number;
    rssIdleBytes: number;
    connectMs: number;
    commit: { commitMs: number[]; waitingMs: number[] } | undefined;
  },
): ScenarioResult {
  return {
    key: spec.key,
    rooms: w.rooms,
    clients: w.clients,
    latency: summarize(w.latencies),
    sent: w.sent,
    delivered: w.delivered,
    expected: w.expected,
    convergedRooms: w.convergedRooms,
    divergentRooms: w.divergentRooms,
    serverCpuMs: m.serverCpuMs,
    cpuPerEditUs: w.delivered > 0 ? (m.serverCpuMs * 1000) / w.delivered : Number.NaN,
    rssBytes: m.rssBytes,
    rssIdleBytes: m.rssIdleBytes,
    rssPerRoomBytes: (m.rssBytes - m.rssIdleBytes) / w.rooms,
    generator: { maxElu: w.maxElu, coreShare: w.coreShare, count: w.generators },
    connectMs: m.connectMs,
    commit: m.commit ? summarize(m.commit.commitMs) : undefined,
    commitWaiting: m.commit && m.commit.waitingMs.length > 0 ? summarize(m.commit.waitingMs) : undefined,
  };
}
