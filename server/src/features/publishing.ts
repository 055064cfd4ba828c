/**
 * Publishing: frozen revisions and webhook events with every publishing transition, and the
 * scheduler that publishes what is due.
 */
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
import type { Deliveries } from '../webhooks/deliveries.js';
import type { DeliveryWorker } from '../webhooks/worker.js';
import type { Feature } from './feature.js';

export interface PublishingNeeds {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  collab: Collab;
  workflow: Workflow;
  deliveries: Deliveries;
  worker: DeliveryWorker;
}

export function publishingFeature(needs: PublishingNeeds): Feature<{ revisions: Revisions; previousUrls: PreviousUrls }> {
  const { config, log, database, articles, collab, workflow, deliveries, worker } = needs;
  const revisions = new Revisions(database.db);
  const previousUrls = new PreviousUrls(database.db);
  workflow.onTransition(publisher({ config, collab, articles, revisions, previousUrls, deliveries, worker }));
  const scheduler = new Scheduler({ articles, workflow, log });
  return { service: { revisions, previousUrls }, start: () => scheduler.start(), stop: () => scheduler.stop() };
}
