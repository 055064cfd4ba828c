/**
 * Who is editing: the people with each article open, on this node and on the others, as the
 * desk's faces and the `editing` of every article summary show them. This module owns the
 * local list, the other nodes' lists, how often a node repeats its own to the others, and when a
 * silent node's list is dropped. Carets and selections inside an open article are the room's
 * awareness instead (collab/awareness.ts), stamped with the same PersonRef.
 */
import type { PersonRef } from '@copydesk/shared';
import type { ControlMessage, Fanout } from '../collab/fanout.js';
import type { EventHub } from '../events/hub.js';
import { guarded, type Logger } from '../logger.js';

/** How often a node tells the others who has its articles open, changed or not. */
const REPEAT_MS = 30_000;

/**
 * How long another node's list counts, in repeats: one repeat lost in an outage does not blink
 * faces off the desk, and a node that died without a word stops showing people within 2.5 (75 s).
 */
const EXPIRY_REPEATS = 2.5;

/** Someone with an article open on this node: a connection, read at listing time (renames show). */
export interface Seat {
  readonly identity: PersonRef;
}

/** What Collab tells presence: a connection joined or left an article's room. */
export interface SeatChanges {
  joined(articleId: string, seat: Seat): void;
  left(articleId: string, seat: Seat): void;
}

export interface PresenceDeps {
  fanout: Pick<Fanout, 'linked' | 'publishControl'>;
  /** Presence events go to this node's streams only: every node merges the lists itself. */
  hub: Pick<EventHub, 'deliver'>;
  log: Logger;
  /** Tests shorten it; the expiry follows. */
  repeatMs?: number;
  now?: () => number;
}

export class Presence implements SeatChanges {
  private readonly local = new Map<string, Set<Seat>>();
  /** article -> node -> what that node last said, and when. */
  private readonly remote = new Map<string, Map<string, { editing: PersonRef[]; at: number }>>();
  private readonly repeatMs: number;
  private readonly expiryMs: number;
  private readonly now: () => number;
  private repeat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: PresenceDeps) {
    this.repeatMs = deps.repeatMs ?? REPEAT_MS;
    this.expiryMs = EXPIRY_REPEATS * this.repeatMs;
    this.now = deps.now ?? Date.now;
  }

  /** Starts repeating this node's lists to the others. */
  start(): void {
    this.repeat = setInterval(
      guarded(this.deps.log, { task: 'presence repeat' }, () => {
        for (const articleId of this.local.keys()) this.tell(articleId);
      }),
      this.repeatMs,
    );
    this.repeat.unref();
  }

  stop(): void {
    clearInterval(this.repeat);
  }

  joined(articleId: string, seat: Seat): void {
    let seats = this.local.get(articleId);
    if (!seats) this.local.set(articleId, (seats = new Set()));
    seats.add(seat);
    this.changed(articleId);
  }

  left(articleId: string, seat: Seat): void {
    const seats = this.local.get(articleId);
    if (!seats?.delete(seat)) return;
    if (seats.size === 0) this.local.delete(articleId);
    this.changed(articleId);
  }

  /** People with the article open on any node, once each: this node's first. */
  editing(articleId: string): PersonRef[] {
    const people = new Map(this.localEditing(articleId).map((p) => [p.id, p]));
    const byNode = this.remote.get(articleId);
    for (const [node, entry] of byNode ?? []) {
      if (this.now() - entry.at > this.expiryMs) {
        byNode!.delete(node);
        continue;
      }
      for (const p of entry.editing) if (!people.has(p.id)) people.set(p.id, p);
    }
    if (byNode?.size === 0) this.remote.delete(articleId);
    return [...people.values()];
  }

  /** A control message from another node; presence ignores every other kind. */
  hear(message: ControlMessage, from: string): void {
    if (message.type !== 'presence' || typeof message.articleId !== 'string' || !Array.isArray(message.editing)) return;
    const { articleId, editing } = message;
    let byNode = this.remote.get(articleId);
    if (!byNode) this.remote.set(articleId, (byNode = new Map()));
    if (editing.length === 0) byNode.delete(from);
    else byNode.set(from, { editing, at: this.now() });
    if (byNode.size === 0) this.remote.delete(articleId);
    this.deps.hub.deliver({ type: 'presence', articleId, editing: this.editing(articleId) });
  }

  private localEditing(articleId: string): PersonRef[] {
    const people = new Map<string, PersonRef>();
    for (const seat of this.local.get(articleId) ?? []) people.set(seat.identity.id, { ...seat.identity });
    return [...people.values()];
  }

  private changed(articleId: string): void {
    this.tell(articleId);
    this.deps.hub.deliver({ type: 'presence', articleId, editing: this.editing(articleId) });
  }

  private tell(articleId: string): void {
    if (this.deps.fanout.linked) this.deps.fanout.publishControl({ type: 'presence', articleId, editing: this.localEditing(articleId) });
  }
}
