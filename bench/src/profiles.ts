/**
 * The suite's sizes. `full` is `pnpm bench` (under 10 minutes), `quick` is `pnpm bench:quick`
 * (under 2), `smoke` is the tiny run in the normal test suite (figures produced, no timing).
 */
import type { RampSpec } from './ramp.js';
import type { LoadSpec, Timing } from './scenario.js';

export type ProfileName = 'full' | 'quick' | 'smoke';

export interface Profile {
  name: ProfileName;
  scenarios: LoadSpec[];
  timing: Timing;
  ramp: RampSpec;
  rampTiming: Timing;
  coldLoad: { edits: number; samples: number };
  keystroke: boolean;
}

/** Keystrokes per second per client: a reporter's sustained rate, pauses included. */
export const TYPING_RATE = 2;

const scenarios: LoadSpec[] = [
  { key: '20x5', title: '20 rooms x 5 clients', rooms: 20, clientsPerRoom: 5, providersPerRoom: 2 },
  { key: '100x5', title: '100 rooms x 5 clients', rooms: 100, clientsPerRoom: 5, providersPerRoom: 2 },
  { key: '1x50', title: '1 room x 50 clients', rooms: 1, clientsPerRoom: 50, providersPerRoom: 5 },
];

const ramp = { clientsPerRoom: 5, providersPerRoom: 1, p99LimitMs: 100, generatorLimit: 0.9 };

export const PROFILES: Record<ProfileName, Profile> = {
  full: {
    name: 'full',
    scenarios,
    timing: { rate: TYPING_RATE, windowMs: 10_000, drainMs: 10_000, settleMs: 1000 },
    ramp: { ...ramp, startClients: 100, factor: 1.4, maxClients: 6000, refine: 2 },
    rampTiming: { rate: TYPING_RATE, windowMs: 5000, drainMs: 8000, settleMs: 500 },
    // Nine: the first openings after a restart decline for both servers as their JIT warms up
    // (about 250, 110, then 40–100 ms); with five the median sat on that slope.
    coldLoad: { edits: 50_000, samples: 9 },
    keystroke: true,
  },
  quick: {
    name: 'quick',
    scenarios,
    timing: { rate: TYPING_RATE, windowMs: 2000, drainMs: 5000, settleMs: 200 },
    ramp: { ...ramp, startClients: 250, factor: 2, maxClients: 2000, refine: 1 },
    rampTiming: { rate: TYPING_RATE, windowMs: 2000, drainMs: 5000, settleMs: 200 },
    coldLoad: { edits: 50_000, samples: 1 },
    keystroke: false,
  },
  smoke: {
    name: 'smoke',
    scenarios: [
      { key: '2x3', title: '2 rooms x 3 clients', rooms: 2, clientsPerRoom: 3, providersPerRoom: 2 },
      { key: '1x4', title: '1 room x 4 clients', rooms: 1, clientsPerRoom: 4, providersPerRoom: 1 },
    ],
    timing: { rate: 5, windowMs: 600, drainMs: 5000, settleMs: 100 },
    ramp: { ...ramp, p99LimitMs: 10_000, generatorLimit: 1.5, startClients: 5, factor: 2, maxClients: 10 },
    rampTiming: { rate: 5, windowMs: 500, drainMs: 5000, settleMs: 100 },
    coldLoad: { edits: 1000, samples: 1 },
    keystroke: false,
  },
};
