/**
 * Sessions, following Lucia's current recipe (lucia-auth.com, "Sessions"): the cookie holds a
 * random token (20 bytes, base32); the database stores only its SHA-256 hash as the session id.
 * Sessions last 30 days and slide: used within 15 days of expiry, they are extended.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Role } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  color: string;
}

export type SessionValidation =
  | { session: Session; user: SessionUser; renewed: boolean }
  /** `ended`: why someone else ended this session (a role change), while that is remembered. */
  | { session: null; user: null; renewed: false; ended?: string };

/** How long the reason a session was ended is kept for its sign-in page. */
export const ENDING_KEPT_MS = DAY;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export class SessionStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => number = Date.now,
  ) {}

  async create(token: string, userId: string): Promise<Session> {
    const session: Session = { id: sessionIdOf(token), userId, expiresAt: new Date(this.now() + SESSION_LIFETIME_MS) };
    await this.db
      .insertInto('sessions')
      .values({ id: session.id, user_id: userId, expires_at: session.expiresAt.toISOString(), created_at: nowIso() })
      .execute();
    return session;
  }

  async validate(token: string): Promise<SessionValidation> {
    if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null, renewed: false };
    const id = sessionIdOf(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as id',
        'sessions.expires_at as expires_at',
        'users.id as user_id',
        'users.email as email',
        'users.display_name as name',
        'users.role as role',
        'users.color as color',
        'users.disabled as disabled',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row) {
      const ending = await this.db
        .selectFrom('session_endings')
        .select('reason')
        .where('id', '=', id)
        .where('expires_at', '>', new Date(this.now()).toISOString())
        .executeTakeFirst();
      return ending ? { session: null, user: null, renewed: false, ended: ending.reason } : { session: null, user: null, renewed: false };
    }
    const session: Session = { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at) };
    if (Number(row.disabled) !== 0 || this.now() >= session.expiresAt.getTime()) {
      await this.invalidate(id);
      return { session: null, user: null, renewed: false };
    }
    let renewed = false;
    if (this.now() >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
      session.expiresAt = new Date(this.now() + SESSION_LIFETIME_MS);
      await this.db.updateTable('sessions').set({ expires_at: session.expiresAt.toISOString() }).where('id', '=', id).execute();
      renewed = true;
    }
    const user: SessionUser = { id: row.user_id, email: row.email, name: row.name, role: row.role, color: row.color };
    return { session, user, renewed };
  }

  async invalidate(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /**
   * Ends every session of a user; returns the ended session ids. With a `reason`, a request
   * still carrying one of those sessions' cookies is told it (for a day), so the sign-in page
   * can say why the person was signed out.
   */
  async invalidateUser(userId: string, except?: string, reason?: string): Promise<string[]> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) q = q.where('id', '!=', except);
    const ids = (await q.returning('id').execute()).map((r) => r.id);
    if (reason && ids.length > 0) {
      const expires_at = new Date(this.now() + ENDING_KEPT_MS).toISOString();
      await this.db
        .insertInto('session_endings')
        .values(ids.map((id) => ({ id, reason, expires_at })))
        .onConflict((oc) => oc.column('id').doUpdateSet({ reason, expires_at }))
        .execute();
    }
    return ids;
  }

  async deleteExpired(): Promise<void> {
    const now = new Date(this.now()).toISOString();
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await this.db.deleteFrom('session_endings').where('expires_at', '<', now).execute();
  }
}
