/** Webhooks: endpoints, the outbox of deliveries, and the worker that sends them. */
import type { Database } from '../db/database.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import { Deliveries } from '../webhooks/deliveries.js';
import { Endpoints } from '../webhooks/endpoints.js';
import { DeliveryWorker } from '../webhooks/worker.js';
import type { Feature } from './feature.js';

export function webhooksFeature(
  config: Config,
  database: Database,
  log: Logger,
): Feature<{ endpoints: Endpoints; deliveries: Deliveries; worker: DeliveryWorker }> {
  const endpoints = new Endpoints(database.db);
  const deliveries = new Deliveries(database.db, endpoints);
  const worker = new DeliveryWorker({ deliveries, endpoints, config: config.webhooks, log });
  return {
    service: { endpoints, deliveries, worker },
    start: () => worker.start(),
    // Waits for the deliveries in flight.
    stop: () => worker.stop(),
  };
}
