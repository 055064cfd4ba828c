/**
 * Publishes scheduled articles when their time comes — once, also after downtime: the check
 * runs at start and every few seconds, and the workflow's compare-and-set on the state means
 * only one publisher (or node) wins.
 *
 * A due publication that fails (the headline was deleted after scheduling, say) is recorded on
 * the article with its reason, logged once and told to the desk and open editors; it is not
 * tried again until the article changes (someone fixed it) or an editor moves it (reschedules,
 * publishes), which clears the failure.
 */
import { HTTPException } from 'hono/http-exception';
import { API_ERRORS } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { ArticleRepo } from '../articles/repo.js';
import { TransitionRefusedError, type Workflow } from '../articles/workflow.js';
import type { Logger } from '../logger.js';

/** Why the publication failed, as the desk shows it: the API's sentence, never internals. */
function reasonOf(err: unknown): string {
  if (err instanceof HTTPException || err instanceof TransitionRefusedError) return err.message;
  return API_ERRORS.internal.message;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

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
      for (const article of await this.deps.articles.due(nowIso())) {
        try {
          await this.deps.workflow.apply(null, article.id, { action: 'publish' });
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
    const reason = reasonOf(err);
    this.deps.log.warn({ err, articleId, publishAt, reason }, 'scheduled publication did not happen; waiting for a change to the article');
    await this.deps.articles.recordScheduleFailure(articleId, reason);
    await this.deps.workflow.announce(articleId);
  }
}
