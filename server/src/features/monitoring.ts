/**
 * Measurements: commit latency for the benchmark (COPYDESK_METRICS) and Prometheus metrics
 * (METRICS_TOKEN), each undefined when off. Made first, as the collaboration code counts into
 * them; what the gauges read is registered once those services exist (server.ts).
 */
import type { Config } from '../env.js';
import { CommitLatency } from '../metrics.js';
import { ServerMetrics } from '../monitoring/metrics.js';
import type { Feature } from './feature.js';

export function monitoringFeature(config: Config): Feature<{ commitLatency: CommitLatency | undefined; metrics: ServerMetrics | undefined }> {
  return {
    service: {
      commitLatency: config.metrics ? new CommitLatency() : undefined,
      metrics: config.metricsToken ? new ServerMetrics() : undefined,
    },
  };
}
