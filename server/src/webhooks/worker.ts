/**
 * Delivers the outbox. Claims due deliveries, sends each once per claim, records every attempt,
 * and schedules the next per WEBHOOK_RETRY_SCHEDULE (with ±15 % jitter, at least what the
 * receiver's Retry-After asks). 2xx delivers; 410 Gone disables the endpoint; anything else,
 * including 3xx and timeouts, is retried until the schedule runs out. Pending deliveries survive
 * restarts: they are rows, picked up by whichever node's worker runs next.
 */
import { nowIso } from '../db/database.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { Deliveries, DeliveryRow } from './deliveries.js';
import type { Endpoints } from './endpoints.js';
import { sendWebhook } from './sender.js';

const BATCH = 8;
const POLL_MS = 1000;

export function nextDelay(scheduleSeconds: number[], attemptsMade: number, retryAfter: number | null, random = Math.random): number | null {
  if (attemptsMade >= scheduleSeconds.length) return null;
  const base = scheduleSeconds[attemptsMade]!;
  const jittered = base === 0 ? 0 : base * (0.85 + random() * 0.3);
  const asked = retryAfter === null ? 0 : Math.min(retryAfter, 24 * 3600);
  return Math.max(jittered, asked);
}

export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: { deliveries: Deliveries; endpoints: Endpoints; config: Config['webhooks']; log: Logger },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Look for due deliveries now (called right after an event is committed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      const claimed = await this.deps.deliveries.claimDue(BATCH, this.deps.config.timeoutMs + 30_000);
      await Promise.all(claimed.map((d) => this.attempt(d)));
      if (claimed.length === BATCH) this.again = true;
    } catch (err) {
      this.deps.log.error({ err }, 'webhook worker tick failed');
    }
  }

  private async attempt(d: DeliveryRow): Promise<void> {
    const { deliveries, endpoints, config, log } = this.deps;
    const ep = await endpoints.row(d.endpoint_id);
    if (!ep) return this.gone(d);
    const secrets = [ep.secret];
    if (ep.previous_secret && ep.previous_secret_until && Date.parse(ep.previous_secret_until) > Date.now()) secrets.push(ep.previous_secret);
    const result = await sendWebhook({ url: ep.url, id: d.id, payload: d.payload, secrets, timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
    const code = result.statusCode;
    if (code !== null && code >= 200 && code < 300) {
      if (!(await deliveries.recordAttempt(d, result, { status: 'delivered', nextAttemptAt: null }))) return this.gone(d);
      log.info({ delivery: d.id, endpoint: ep.id, event: d.event_type, status: code }, 'webhook delivered');
      return;
    }
    const error = result.error ?? `receiver answered ${code}`;
    if (code === 410) {
      if (!(await deliveries.recordAttempt(d, { ...result, error }, { status: 'failed', nextAttemptAt: null }))) return this.gone(d);
      await endpoints.disable(ep.id, 'The receiver answered 410 Gone, so the endpoint was disabled.');
      log.warn({ delivery: d.id, endpoint: ep.id }, 'webhook endpoint answered 410 Gone: disabled');
      return;
    }
    const delay = nextDelay(config.retryScheduleSeconds, Number(d.attempts) + 1, result.retryAfter);
    const next = delay === null ? null : new Date(Date.now() + delay * 1000).toISOString();
    if (!(await deliveries.recordAttempt(d, { ...result, error }, { status: next ? 'pending' : 'failed', nextAttemptAt: next }))) return this.gone(d);
    log.warn({ delivery: d.id, endpoint: ep.id, status: code, error: result.error, nextAttemptAt: next ?? 'gave up', at: nowIso() }, 'webhook attempt failed');
    if (delay === 0) this.again = true;
  }

  /**
   * The endpoint was deleted (with its deliveries) after this delivery was claimed, most likely
   * while the request was in flight: an admin's choice, not a fault, so the outcome is dropped.
   */
  private gone(d: DeliveryRow): void {
    this.deps.log.debug({ delivery: d.id, endpoint: d.endpoint_id }, 'webhook endpoint gone during delivery: result dropped');
  }
}
