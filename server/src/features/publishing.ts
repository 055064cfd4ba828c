/**
 * Publishing: frozen revisions and webhook events with every publishing transition, the
 * scheduler that publishes what is due, and the check for unpublished changes to live stories.
 */
import type { Articles } from '../articles/articles.js';
import type { Comparisons } from '../articles/comparisons.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { Workflow } from '../articles/workflow.js';
import type { Collab } from '../collab/collab.js';
import type { Database } from '../db/database.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import { publisher } from '../publish/publisher.js';
import { PreviousUrls } from '../publish/previous-urls.js';
import { Revisions } from '../publish/revisions.js';
import { Scheduler } from '../publish/scheduler.js';
import { UnpublishedChanges } from '../publish/unpublished-changes.js';
import type { Deliveries } from '../webhooks/deliveries.js';
import type { DeliveryWorker } from '../webhooks/worker.js';
import type { Feature } from './feature.js';

export interface PublishingNeeds {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  /** Told of changes to an article's details. */
  articleService: Pick<Articles, 'onDetailsChanged'>;
  collab: Collab;
  comparisons: Comparisons;
  workflow: Workflow;
  deliveries: Deliveries;
  worker: DeliveryWorker;
}

export function publishingFeature(needs: PublishingNeeds): Feature<{ revisions: Revisions; previousUrls: PreviousUrls; unpublishedChanges: UnpublishedChanges }> {
  const { config, log, database, articles, articleService, collab, comparisons, workflow, deliveries, worker } = needs;
  const revisions = new Revisions(database.db);
  const previousUrls = new PreviousUrls(database.db);
  workflow.onTransition(publisher({ config, collab, articles, revisions, previousUrls, deliveries, worker }));
  const scheduler = new Scheduler({ articles, workflow, log });
  const unpublishedChanges = new UnpublishedChanges({ articles, revisions, collab, comparisons, workflow, log });
  collab.onActivity((articleId) => unpublishedChanges.changed(articleId));
  articleService.onDetailsChanged((articleId) => unpublishedChanges.changed(articleId));
  return {
    service: { revisions, previousUrls, unpublishedChanges },
    start: () => scheduler.start(),
    stop() {
      scheduler.stop();
      unpublishedChanges.stop();
    },
  };
}
