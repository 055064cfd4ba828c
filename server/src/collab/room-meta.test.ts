/** The metadata save runs from timers: whatever reading the document throws is logged, never thrown. */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MetaSaver } from './room-meta.js';

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('MetaSaver', () => {
  it('logs, with the article id, what reading the document throws (a stack overflow once took the process down)', async () => {
    const { log, lines } = recordingLog();
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      const saver = new MetaSaver({
        articleId: 'a-deep-one',
        read: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
        save: async () => undefined,
        log,
        delayMs: 1,
      });
      saver.edited();
      await new Promise((r) => setTimeout(r, 50));
      await saver.saveNow();
      saver.stop();
      expect(unhandled).toEqual([]);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0]).toMatchObject({ articleId: 'a-deep-one', msg: 'could not read article metadata from the document' });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
