/**
 * Publishes scheduled articles when their time comes — once, also after downtime: the check
 * runs at start and every few seconds, and the workflow's compare-and-set on the state means
 * only one publisher (or node) wins.
 *
 * A due publication that fails (the headline was deleted after scheduling, say) is recorded on
 * the article with its reason, logged once and told to the desk and open editors; it is not
 * tried again until the article changes (someone fixed it) or an editor moves it (reschedules,
 * publishes), which clears the failure.
 *
 * A failure of the server's own (the database did not answer, say) is not the story's fault: it
 * is tried again on later ticks, waiting twice as long each time, and recorded as above only
 * after TRANSIENT_TRIES of them, so a passing hiccup publishes late rather than not at all.
 */
import { HTTPException } from 'hono/http-exception';
import { API_ERRORS } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { ArticleRepo } from '../articles/repo.js';
import { TransitionRefusedError, type Workflow } from '../articles/workflow.js';
import type { Logger } from '../logger.js';

/** Tries of a due publication that fails for the server's own reasons before it is recorded. */
export const TRANSIENT_TRIES = 3;

/** The article (or the person asking) is the reason: trying again unchanged cannot help. */
function isRefusal(err: unknown): err is Error {
  return err instanceof TransitionRefusedError || (err instanceof HTTPException && err.status < 500);
}

/** Why the publication failed, as the desk shows it: the API's sentence, never internals. */
function reasonOf(err: unknown): string {
  return isRefusal(err) ? err.message : API_ERRORS.internal.message;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  /** Articles whose publication failed for the server's own reasons: tries so far, and when next. */
  private readonly transient = new Map<string, { tries: number; nextAt: number }>();

  constructor(
    private readonly deps: {
      articles: ArticleRepo;
      workflow: Pick<Workflow, 'apply' | 'announce'>;
      log: Logger;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs ?? 5000);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const due = await this.deps.articles.due(nowIso());
      for (const id of this.transient.keys()) if (!due.some((a) => a.id === id)) this.transient.delete(id);
      for (const article of due) {
        if ((this.transient.get(article.id)?.nextAt ?? 0) > Date.now()) continue;
        try {
          await this.deps.workflow.apply(null, article.id, { action: 'publish' });
          this.transient.delete(article.id);
          this.deps.log.info({ articleId: article.id, publishAt: article.publish_at }, 'published on schedule');
        } catch (err) {
          await this.failed(article.id, article.publish_at, err);
        }
      }
    } catch (err) {
      this.deps.log.error({ err }, 'scheduler tick failed');
    } finally {
      this.busy = false;
    }
  }

  private async failed(articleId: string, publishAt: string | null, err: unknown): Promise<void> {
    if (!isRefusal(err)) {
      const tries = (this.transient.get(articleId)?.tries ?? 0) + 1;
      if (tries < TRANSIENT_TRIES) {
        const wait = (this.deps.intervalMs ?? 5000) * 2 ** tries;
        this.transient.set(articleId, { tries, nextAt: Date.now() + wait });
        this.deps.log.warn({ err, articleId, publishAt, tries }, 'scheduled publication failed on the server; trying again');
        return;
      }
    }
    this.transient.delete(articleId);
    const reason = reasonOf(err);
    this.deps.log.warn({ err, articleId, publishAt, reason }, 'scheduled publication did not happen; waiting for a change to the article');
    await this.deps.articles.recordScheduleFailure(articleId, reason);
    await this.deps.workflow.announce(articleId);
  }
}
