/**
 * How a webhook delivery is described to an administrator: its status badge ("Delivered",
 * "Pending – next attempt in 12 s", "Failed"), the outcome of its last attempt, and a tone for
 * the badge's colour. Pure, so the wording is tested without a page.
 */
import type { Delivery, DeliveryAttempt } from '../api/webhooks.js';

export type Tone = 'ok' | 'warn' | 'danger';

export interface DeliveryStatusText {
  label: string;
  tone: Tone;
}

/** "12 s", "3 min", "2 h", "4 days": a wait, rounded up so it never reads as zero too early. */
export function waitInWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export function deliveryStatus(d: Pick<Delivery, 'status' | 'attempts' | 'nextAttemptAt'>, now: number = Date.now()): DeliveryStatusText {
  if (d.status === 'delivered') return { label: 'Delivered', tone: 'ok' };
  if (d.status === 'failed') return { label: d.attempts === 1 ? 'Failed after 1 attempt' : `Failed after ${d.attempts} attempts`, tone: 'danger' };
  const next = d.nextAttemptAt === null ? Number.NaN : Date.parse(d.nextAttemptAt);
  if (Number.isNaN(next) || next - now < 1000) return { label: d.attempts === 0 ? 'Pending – sending now' : 'Pending – retrying now', tone: 'warn' };
  return { label: `Pending – next attempt in ${waitInWords(next - now)}`, tone: 'warn' };
}

/**
 * The outcome of one attempt: "HTTP 200", "HTTP 500", or why there was no answer ("timed out
 * after 15 s", "connection refused"). With a status code, the error only repeats it.
 */
export function attemptOutcome(a: Pick<DeliveryAttempt, 'statusCode' | 'error'>): string {
  if (a.statusCode !== null) return `HTTP ${a.statusCode}`;
  return a.error ?? 'No answer';
}

/** The last attempt's outcome for the table, or a dash before the first attempt. */
export function lastOutcome(d: Pick<Delivery, 'attempts' | 'lastStatusCode' | 'lastError'>): string {
  if (d.attempts === 0 && d.lastStatusCode === null && d.lastError === null) return '—';
  return attemptOutcome({ statusCode: d.lastStatusCode, error: d.lastError });
}

/** Whether a status code means the receiver took the event. */
export const isSuccess = (statusCode: number | null): boolean => statusCode !== null && statusCode >= 200 && statusCode < 300;
