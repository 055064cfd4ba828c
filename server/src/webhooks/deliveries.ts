/**
 * The webhook outbox. A delivery row is written in the same transaction as the event it
 * announces, so an event exists if and only if its deliveries do. Workers claim due rows with a
 * lease (an UPDATE that only one claimer can win, on SQLite and PostgreSQL alike), so one
 * attempt is made by one worker even with several server nodes.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DeliveryPage, type Delivery, type DeliveryList } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB, WebhookDeliveriesTable } from '../db/schema.js';
import type { Endpoints, WebhookEvent } from './endpoints.js';
import { RESPONSE_BODY_MAX } from './sender.js';

export type DeliveryView = Delivery;

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export class Deliveries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly endpoints: Endpoints,
  ) {}

  /** Queues `event` for every subscribed endpoint, inside the caller's transaction. Returns how many. */
  async enqueue(trx: Kysely<DB>, event: WebhookEvent, articleId: string | null, data: unknown): Promise<number> {
    const targets = await this.endpoints.subscribedTo(event, trx);
    const now = nowIso();
    for (const ep of targets) {
      const id = `msg_${randomBytes(16).toString('base64url')}`;
      const payload = JSON.stringify({ type: event, timestamp: now, data });
      await trx
        .insertInto('webhook_deliveries')
        .values({
          id,
          endpoint_id: ep.id,
          event_type: event,
          article_id: articleId,
          payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          locked_until: null,
          last_status_code: null,
          last_error: null,
          created_at: now,
          delivered_at: null,
        })
        .execute();
    }
    return targets.length;
  }

  /** Claims up to `limit` due deliveries for `leaseMs`; each is claimed by exactly one caller. */
  async claimDue(limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    const now = nowIso();
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .selectAll('webhook_deliveries')
      .where('webhook_deliveries.status', '=', 'pending')
      .where('webhook_endpoints.enabled', '=', 1)
      .where('webhook_deliveries.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('webhook_deliveries.locked_until', 'is', null), eb('webhook_deliveries.locked_until', '<', now)]))
      .orderBy('webhook_deliveries.next_attempt_at')
      .limit(limit)
      .execute();
    const until = new Date(Date.now() + leaseMs).toISOString();
    const claimed: DeliveryRow[] = [];
    for (const d of candidates) {
      const res = await this.db
        .updateTable('webhook_deliveries')
        .set({ locked_until: until })
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) claimed.push(d);
    }
    return claimed;
  }

  /**
   * Records one attempt and the delivery's next state, releasing the lease. Returns false, and
   * records nothing, when the delivery is gone: its endpoint was deleted while the attempt was
   * in flight. The delivery row is updated first, so that on PostgreSQL a concurrent delete
   * either waits for this transaction (and then removes the attempt with it) or has already
   * removed the row (and the update finds nothing): the attempt never refers to a deleted row.
   */
  async recordAttempt(
    d: DeliveryRow,
    result: { statusCode: number | null; durationMs: number; error: string | null; responseBody: string | null },
    next: { status: WebhookDeliveriesTable['status']; nextAttemptAt: string | null },
  ): Promise<boolean> {
    const now = nowIso();
    // `attempts` counts the attempts of the current schedule (a redeliver starts it over); the
    // attempt's number continues from every attempt ever made, so the history reads #1, #2, #3…
    const attempts = Number(d.attempts) + 1;
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('webhook_deliveries')
        .set({
          attempts,
          status: next.status,
          next_attempt_at: next.nextAttemptAt,
          locked_until: null,
          last_status_code: result.statusCode,
          last_error: result.error,
          ...(next.status === 'delivered' ? { delivered_at: now } : {}),
        })
        .where('id', '=', d.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      const last = await trx
        .selectFrom('webhook_attempts')
        .select((eb) => eb.fn.max('attempt').as('n'))
        .where('delivery_id', '=', d.id)
        .executeTakeFirst();
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: d.id,
          attempt: Number(last?.n ?? 0) + 1,
          at: now,
          status_code: result.statusCode,
          duration_ms: Math.round(result.durationMs),
          error: result.error,
          response_body: result.responseBody === null ? null : result.responseBody.slice(0, RESPONSE_BODY_MAX),
        })
        .execute();
      return true;
    });
  }

  /** Deliveries not yet delivered nor given up on: the backlog (metrics). One index range count. */
  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sends a delivery again (same webhook-id, so receivers can dedupe), starting the schedule over. */
  async redeliver(id: string): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: nowIso(), locked_until: null })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async endpointOf(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('webhook_deliveries').select('endpoint_id').where('id', '=', id).executeTakeFirst())?.endpoint_id;
  }

  /** The newest `limit` deliveries, newest first, and whether there are older ones. */
  async list(filter: { endpointId?: string; articleId?: string }, limit: number = DeliveryPage.size): Promise<DeliveryList> {
    let q = this.db.selectFrom('webhook_deliveries').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId);
    if (filter.articleId) q = q.where('article_id', '=', filter.articleId);
    const rows = await q.execute();
    const more = rows.length > limit;
    if (more) rows.pop();
    return { deliveries: await this.withHistory(rows), more };
  }

  private async withHistory(rows: DeliveryRow[]): Promise<DeliveryView[]> {
    if (rows.length === 0) return [];
    const attempts = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', rows.map((r) => r.id))
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const history = attempts
        .filter((a) => a.delivery_id === r.id)
        .map((a) => ({
          attempt: Number(a.attempt),
          at: a.at,
          statusCode: a.status_code,
          durationMs: Number(a.duration_ms),
          error: a.error,
          responseBody: a.response_body,
        }));
      return {
        id: r.id,
        endpointId: r.endpoint_id,
        eventType: r.event_type,
        articleId: r.article_id,
        status: r.status,
        // Every attempt made, across redeliveries (the history's numbering).
        attempts: history.reduce((n, a) => Math.max(n, a.attempt), 0),
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
        lastStatusCode: r.last_status_code,
        lastError: r.last_error,
        createdAt: r.created_at,
        deliveredAt: r.delivered_at,
        history,
      };
    });
  }
}
