/**
 * Publishes scheduled articles when their time comes — once, also after downtime: the check
 * runs at start and every few seconds, and the workflow's compare-and-set on the state means
 * only one publisher (or node) wins.
 */
import { nowIso } from '../db/database.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { Workflow } from '../articles/workflow.js';
import type { Logger } from '../logger.js';

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly deps: { articles: ArticleRepo; workflow: Workflow; log: Logger; intervalMs?: number },
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
          this.deps.log.warn({ err, articleId: article.id }, 'scheduled publication did not happen');
        }
      }
    } catch (err) {
      this.deps.log.error({ err }, 'scheduler tick failed');
    } finally {
      this.busy = false;
    }
  }
}
