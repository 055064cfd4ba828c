/** The IPC contract between the orchestrator and a load generator process. */
import type { Target } from './clients.js';

export interface RoomPlan {
  name: string;
  /** Real provider clients (Y.Doc + stock provider): measure latency, prove convergence. */
  providers: number;
  /** Lightweight protocol clients: the bulk of the load. */
  lights: number;
}

export type ToGenerator =
  /** Connect the clients of more rooms (added to those already connected). */
  | { type: 'connect'; target: Target; rooms: RoomPlan[] }
  /** Start typing: `rate` keystrokes per second per client, and note send times. */
  | { type: 'start'; rate: number }
  /** Stop typing, wait up to `drainMs` for deliveries and convergence, report. */
  | { type: 'stop'; drainMs: number }
  /** Close every client (the generator stays, for the next scenario). */
  | { type: 'reset' }
  | { type: 'close' };

export interface WindowResult {
  /** Edit-to-peer latencies in milliseconds, one per (edit, receiving client). */
  latencies: number[];
  /** Edits typed inside the window. */
  sent: number;
  /** Deliveries seen of those edits, and how many there should have been. */
  delivered: number;
  expected: number;
  rooms: number;
  clients: number;
  /** Rooms where every provider holds every client's every edit and all texts agree. */
  convergedRooms: number;
  divergentRooms: string[];
  /** This generator's event-loop utilisation and CPU time over the typing window. */
  elu: number;
  cpuMs: number;
  wallMs: number;
}

export type FromGenerator =
  | { type: 'connected'; clients: number; ms: number }
  | { type: 'window'; result: WindowResult }
  | { type: 'reset-done' }
  | { type: 'error'; message: string };
