/**
 * The scheduler's retry rule, with stand-ins for the article store and the workflow (named as
 * such: the real ones are exercised end to end in test/live-edits.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { errors } from '../errors.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { ArticlesTable } from '../db/schema.js';
import { createLogger } from '../logger.js';
import { Scheduler, TRANSIENT_TRIES } from './scheduler.js';

function standIns(fail: () => Error) {
  const recorded: string[] = [];
  let tries = 0;
  let failedAt: string | null = null;
  const article = { id: 'a1', publish_at: '2026-01-01T00:00:00.000Z' } as ArticlesTable;
  const articles = {
    due: async () => (failedAt ? [] : [article]),
    recordScheduleFailure: async (_id: string, reason: string) => {
      recorded.push(reason);
      failedAt = new Date().toISOString();
    },
  } as unknown as ArticleRepo;
  const workflow = {
    apply: async () => {
      tries++;
      throw fail();
    },
    announce: async () => undefined,
  };
  const scheduler = new Scheduler({ articles, workflow: workflow as never, log: createLogger('silent'), intervalMs: 1 });
  return { scheduler, recorded, tries: () => tries };
}

async function tickFor(scheduler: Scheduler, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await scheduler.tick();
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('scheduler', () => {
  it('records a refusal at once and does not try it again', async () => {
    const { scheduler, recorded, tries } = standIns(() => errors.headlineRequired());
    await tickFor(scheduler, 50);
    expect(tries()).toBe(1);
    expect(recorded).toEqual([errors.headlineRequired().message]);
  });

  it("tries a failure of the server's own again, waiting longer each time, then records it", async () => {
    const { scheduler, recorded, tries } = standIns(() => new Error('database went away'));
    await scheduler.tick();
    expect(recorded).toEqual([]);
    await tickFor(scheduler, 200);
    expect(tries()).toBe(TRANSIENT_TRIES);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).not.toContain('database');
  });
});
