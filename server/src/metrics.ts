/**
 * Optional measurements for the benchmark (COPYDESK_METRICS=1): how long each accepted update
 * waits for its durable commit. Off by default, and then nothing on the hot path records
 * anything. Samples go to a parent process over the IPC channel it opened (bench/), never to
 * the network.
 *
 * Also what the collaboration code reports to the Prometheus metrics (monitoring/metrics.ts,
 * on with METRICS_TOKEN): an interface here, so collab/ does not depend on prom-client.
 */

/** Told of updates as the collaboration code accepts, commits and refuses them. */
export interface CollabMetrics {
  /** An update was accepted and queued to be stored. */
  editAccepted(): void;
  /** An update was committed, `seconds` after it was accepted. */
  committed(seconds: number): void;
  /**
   * A client's update or message was refused: `read-only`, `malformed`, `rate-limited`, and
   * the update rules' kinds (`invalid`, `limit`, `missing`). A label value, so a small fixed
   * set, never anything the client chose.
   */
  refusedUpdate(reason: string): void;
}

/** A bounded uniform sample (reservoir) of accepted-to-committed times in milliseconds. */
export class CommitLatency {
  private samples: number[] = [];
  private seen = 0;

  constructor(private readonly capacity = 200_000) {}

  record(ms: number): void {
    this.seen++;
    if (this.samples.length < this.capacity) {
      this.samples.push(ms);
      return;
    }
    const j = Math.floor(Math.random() * this.seen);
    if (j < this.capacity) this.samples[j] = ms;
  }

  /** The samples since the last reset. */
  take(reset: boolean): number[] {
    const out = this.samples;
    if (reset) {
      this.samples = [];
      this.seen = 0;
    } else {
      this.samples = [...out];
    }
    return out;
  }
}

interface MetricsRequest {
  type: 'copydesk-metrics';
  reset: boolean;
}

function isMetricsRequest(m: unknown): m is MetricsRequest {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'copydesk-metrics';
}

/** Answers `{type: 'copydesk-metrics', reset}` from the parent process with the samples. */
export function serveMetricsOverIpc(latency: CommitLatency): void {
  const send = process.send?.bind(process);
  if (!send) return;
  process.on('message', (m: unknown) => {
    if (!isMetricsRequest(m)) return;
    send({ type: 'copydesk-metrics', metrics: { commitMs: latency.take(m.reset === true), waitingMs: [] } });
  });
}
