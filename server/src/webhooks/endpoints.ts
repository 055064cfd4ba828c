/** Webhook endpoints: where events go, which events, and the signing secret (rotatable with overlap). */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Selectable } from 'kysely';
import { nowIso } from '../db/database.js';
import { WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEvent } from '@copydesk/shared';
import type { DB, WebhookEndpointsTable } from '../db/schema.js';

export { WEBHOOK_EVENTS, type WebhookEvent };

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** An endpoint as the admin pages show it. */
export type EndpointView = WebhookEndpoint;

export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

type Row = Selectable<WebhookEndpointsTable>;

export class Endpoints {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: { url: string; events: WebhookEvent[]; description: string }): Promise<{ id: string; secret: string }> {
    const id = `ep_${randomBytes(10).toString('base64url')}`;
    const secret = newSecret();
    const now = nowIso();
    await this.db
      .insertInto('webhook_endpoints')
      .values({
        id,
        url: input.url,
        description: input.description,
        events: JSON.stringify(input.events),
        enabled: 1,
        disabled_reason: null,
        secret,
        previous_secret: null,
        previous_secret_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id, secret };
  }

  row(id: string): Promise<Row | undefined> {
    return this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<EndpointView[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute();
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(id: string): Promise<EndpointView | undefined> {
    const row = await this.row(id);
    return row ? this.view(row) : undefined;
  }

  async update(id: string, patch: { url?: string; events?: WebhookEvent[]; description?: string; enabled?: boolean }): Promise<void> {
    await this.db
      .updateTable('webhook_endpoints')
      .set({
        updated_at: nowIso(),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: JSON.stringify(patch.events) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0, disabled_reason: null } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.db.updateTable('webhook_endpoints').set({ enabled: 0, disabled_reason: reason, updated_at: nowIso() }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** A new secret; the old one keeps signing (as a second signature) for ROTATION_OVERLAP_MS. */
  async rotate(id: string): Promise<string> {
    const row = await this.row(id);
    if (!row) throw new Error('no such endpoint');
    const secret = newSecret();
    await this.db
      .updateTable('webhook_endpoints')
      .set({ secret, previous_secret: row.secret, previous_secret_until: new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString(), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return secret;
  }

  /** Enabled endpoints subscribed to `event`. */
  async subscribedTo(event: WebhookEvent, db: Kysely<DB> = this.db): Promise<Row[]> {
    const rows = await db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).execute();
    return rows.filter((r) => (JSON.parse(r.events) as string[]).includes(event));
  }

  private async view(r: Row): Promise<EndpointView> {
    const counts = await this.db
      .selectFrom('webhook_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('endpoint_id', '=', r.id)
      .groupBy('status')
      .execute();
    const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
    const recent = await this.db
      .selectFrom('webhook_attempts')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.delivery_id')
      .select(['webhook_attempts.status_code as code', 'webhook_attempts.at as at'])
      .where('webhook_deliveries.endpoint_id', '=', r.id)
      .orderBy('webhook_attempts.id', 'desc')
      .limit(50)
      .execute();
    let failingStreak = 0;
    for (const a of recent) {
      if (a.code !== null && a.code >= 200 && a.code < 300) break;
      failingStreak++;
    }
    const rotationEndsAt = r.previous_secret_until && Date.parse(r.previous_secret_until) > Date.now() ? r.previous_secret_until : null;
    return {
      id: r.id,
      url: r.url,
      description: r.description,
      events: JSON.parse(r.events) as string[],
      enabled: Number(r.enabled) !== 0,
      disabledReason: r.disabled_reason,
      rotationEndsAt,
      createdAt: r.created_at,
      stats: { pending: count('pending'), delivered: count('delivered'), failed: count('failed'), failingStreak, lastDeliveryAt: recent[0]?.at ?? null },
    };
  }
}
