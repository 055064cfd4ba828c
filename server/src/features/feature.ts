/**
 * What each feature's factory (the other files here) hands the start-up wiring in server.ts: its
 * services, and what it runs once the server listens and as it stops. Features start in the order
 * they were added and stop in reverse, so each stops before anything it was built on.
 */
import { guarded, type Logger } from '../logger.js';

export interface Feature<S> {
  readonly service: S;
  /** Once the server listens: timers, workers. */
  start?(): void;
  /** At shutdown, after the server stopped accepting connections. */
  stop?(): void | Promise<void>;
}

export class Features {
  private readonly added: Feature<unknown>[] = [];

  /** Keeps `feature` to start and stop it with the others; returns its services. */
  add<S>(feature: Feature<S>): S {
    this.added.push(feature);
    return feature.service;
  }

  start(): void {
    for (const feature of this.added) feature.start?.();
  }

  async stop(): Promise<void> {
    for (const feature of [...this.added].reverse()) await feature.stop?.();
  }
}

/**
 * start/stop for a chore run every `ms` (sweeps of expired entries): its timer does not keep
 * the process alive, and what it throws is logged, not left to crash the server.
 */
export function every(ms: number, log: Logger, task: string, chore: () => void): { start(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      timer = setInterval(guarded(log, { task }, chore), ms);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
