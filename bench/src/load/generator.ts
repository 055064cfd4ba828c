/**
 * A load generator process (pinned to its own core by the orchestrator). Holds whole rooms,
 * so that a sender and its receivers share one clock; types at a realistic rate with jitter;
 * reports latency, deliveries, convergence and its own event-loop utilisation, so a
 * saturated generator is never mistaken for a slow server.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { LightClient, ProviderClient, type LoadClient, type Target } from './clients.js';
import { SentLog, Tally } from './latency.js';
import type { FromGenerator, RoomPlan, ToGenerator, WindowResult } from './messages.js';
import { BENCH_TEXT, BODY } from './wire.js';

interface Room {
  name: string;
  providers: ProviderClient[];
  members: LoadClient[];
  /** Edits typed in this room inside the current window. */
  sent: number;
}

// Every y-websocket provider adds a process 'exit' listener; thousands are expected here.
process.setMaxListeners(0);

const rooms: Room[] = [];
const log = new SentLog();
const tally = new Tally();
let timers: NodeJS.Timeout[] = [];
let windowStart: { elu: ReturnType<typeof performance.eventLoopUtilization>; cpu: NodeJS.CpuUsage; at: number } | undefined;

function send(message: FromGenerator): void {
  process.send!(message);
}

/** Opens sockets a batch at a time: a thousand simultaneous handshakes measure nothing useful. */
async function connect(target: Target, plans: RoomPlan[]): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  let clients = 0;
  for (const plan of plans) {
    const room: Room = { name: plan.name, providers: [], members: [], sent: 0 };
    for (let i = 0; i < plan.providers; i++) {
      const p = new ProviderClient(target, plan.name, log, tally);
      room.providers.push(p);
      room.members.push(p);
    }
    for (let i = 0; i < plan.lights; i++) room.members.push(new LightClient(target, plan.name, log, tally));
    rooms.push(room);
    for (const m of room.members) pending.push(m.ready());
    clients += room.members.length;
    if (pending.length >= 50) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  send({ type: 'connected', clients, ms: performance.now() - started });
}

function start(rate: number): void {
  tally.latencies.clear();
  tally.delivered = 0;
  for (const room of rooms) room.sent = 0;
  log.measuring = true;
  windowStart = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage(), at: performance.now() };
  const meanGap = 1000 / rate;
  for (const room of rooms) {
    for (const member of room.members) {
      const tick = () => {
        member.type();
        room.sent++;
        timers.push(setTimeout(tick, meanGap * (0.5 + Math.random())));
      };
      timers.push(setTimeout(tick, Math.random() * meanGap));
    }
  }
}

function converged(room: Room): boolean {
  const first = room.providers[0];
  if (!first) return true;
  const text = first.doc.getText(BENCH_TEXT).toString();
  const body = first.doc.getXmlFragment(BODY).toString();
  for (const p of room.providers) {
    for (const m of room.members) if (Y.getState(p.doc.store, m.clientId) !== m.clock) return false;
    if (p.doc.getText(BENCH_TEXT).toString() !== text || p.doc.getXmlFragment(BODY).toString() !== body) return false;
  }
  return true;
}

async function stop(drainMs: number): Promise<void> {
  for (const t of timers) clearTimeout(t);
  timers = [];
  log.measuring = false;
  const at = performance.now();
  const elu = performance.eventLoopUtilization(windowStart!.elu);
  const cpu = process.cpuUsage(windowStart!.cpu);
  const expected = rooms.reduce((n, r) => n + r.sent * (r.members.length - 1), 0);
  const deadline = at + drainMs;
  let divergent = rooms.filter((r) => !converged(r));
  while ((divergent.length > 0 || tally.delivered < expected) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    divergent = divergent.filter((r) => !converged(r));
  }
  divergent = rooms.filter((r) => !converged(r));
  const result: WindowResult = {
    latencies: Array.from(tally.latencies.values()),
    sent: rooms.reduce((n, r) => n + r.sent, 0),
    delivered: tally.delivered,
    expected,
    rooms: rooms.length,
    clients: rooms.reduce((n, r) => n + r.members.length, 0),
    convergedRooms: rooms.length - divergent.length,
    divergentRooms: divergent.map((r) => r.name),
    elu: elu.utilization,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: at - windowStart!.at,
  };
  send({ type: 'window', result });
}

// The orchestrator is gone: close every socket and leave.
process.on('disconnect', () => {
  for (const room of rooms) for (const m of room.members) m.close();
  setTimeout(() => process.exit(0), 100).unref();
});

process.on('message', (message: ToGenerator) => {
  const run = async () => {
    switch (message.type) {
      case 'connect':
        return connect(message.target, message.rooms);
      case 'start':
        return start(message.rate);
      case 'stop':
        return stop(message.drainMs);
      case 'reset':
        for (const room of rooms.splice(0)) for (const m of room.members) m.close();
        send({ type: 'reset-done' });
        return;
      case 'close':
        for (const room of rooms) for (const m of room.members) m.close();
        process.disconnect();
        setTimeout(() => process.exit(0), 200).unref();
        return;
    }
  };
  run().catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
