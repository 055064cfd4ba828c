/**
 * Prometheus metrics for one server, on when METRICS_TOKEN is set. Each server has its own
 * registry (never prom-client's global one): tests run several servers in one process, and
 * each must count only its own. Counters are updated where things happen (collab code through
 * the CollabMetrics interface); gauges are read when scraped, so an idle server does nothing.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CollabMetrics } from '../metrics.js';

/** What the gauges read at scrape time. */
export interface MetricSources {
  connections(): number;
  documents(): number;
  /** Webhook deliveries still pending (a COUNT query). */
  webhookBacklog(): Promise<number>;
}

export class ServerMetrics implements CollabMetrics {
  readonly registry = new Registry();
  private readonly edits: Counter;
  private readonly commitSeconds: Histogram;
  private readonly refused: Counter<'reason'>;

  constructor() {
    const registers = [this.registry];
    // Process CPU, memory, GC, handles, and event-loop lag (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this.registry });
    this.edits = new Counter({
      name: 'copydesk_edits_accepted_total',
      help: 'Document updates accepted to be stored (their rate is edits per second).',
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'copydesk_commit_latency_seconds',
      help: 'Time from accepting an update to its durable commit, when peers receive it.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.refused = new Counter({
      name: 'copydesk_refused_updates_total',
      help: 'Updates and messages from clients that were refused, by reason.',
      labelNames: ['reason'],
      registers,
    });
  }

  /** Registers the gauges, read from `sources` at each scrape (once the services exist). */
  watch(sources: MetricSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'copydesk_websocket_connections',
      help: 'Open collaboration WebSocket connections on this node.',
      registers,
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'copydesk_open_documents',
      help: 'Documents (rooms) loaded on this node.',
      registers,
      collect() {
        this.set(sources.documents());
      },
    });
    new Gauge({
      name: 'copydesk_webhook_backlog',
      help: 'Webhook deliveries pending: waiting for their first attempt or a retry.',
      registers,
      async collect() {
        this.set(await sources.webhookBacklog());
      },
    });
  }

  editAccepted(): void {
    this.edits.inc();
  }

  committed(seconds: number): void {
    this.commitSeconds.observe(seconds);
  }

  refusedUpdate(reason: string): void {
    this.refused.inc({ reason });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
