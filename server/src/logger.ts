/** The process logger (pino, JSON lines on stdout). */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}

/**
 * A timer callback that cannot take the process down: what it throws, or the promise it returns
 * rejects with, is logged with `context` (an article id, a task name) instead.
 */
export function guarded(log: Logger, context: Record<string, unknown>, fn: () => unknown): () => void {
  return () => {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((err: unknown) => log.error({ err, ...context }, 'a timed task failed'));
    } catch (err) {
      log.error({ err, ...context }, 'a timed task failed');
    }
  };
}
