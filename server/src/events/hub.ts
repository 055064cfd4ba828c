/**
 * Live events for the desk and open editors (served as Server-Sent Events): article changes,
 * presence, comments. Each subscriber only receives events about articles it may open. Events
 * published here are relayed to the other nodes, which deliver them to their own subscribers.
 */
import type { ArticleSummary, PersonRef, Role } from '@copydesk/shared';
import type { ControlMessage } from '../collab/fanout.js';
import { mayOpen, relationTo } from '../articles/access.js';

export type DeskEvent =
  | { type: 'article'; article: ArticleSummary }
  | { type: 'article-removed'; id: string }
  | { type: 'presence'; articleId: string; editing: PersonRef[] }
  | { type: 'comments'; articleId: string }
  /** Someone asked for access to the article, or a request was decided (articles/access-requests.ts). */
  | { type: 'access-requests'; articleId: string };

interface Subscriber {
  user: { id: string; role: Role };
  send(event: DeskEvent): void;
  sessionId?: string | undefined;
  close?: (() => void) | undefined;
}

export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Which articles each writer may see, as last told by an article event. */
  private readonly visible = new WeakMap<Subscriber, Set<string>>();

  constructor(
    /** Passes events published here on to the other nodes; none with one node. */
    private readonly relay?: (event: DeskEvent) => void,
  ) {}

  /** `visibleIds`: the articles the user may open now (the desk it just loaded). */
  subscribe(
    user: Subscriber['user'],
    send: Subscriber['send'],
    visibleIds: Iterable<string> = [],
    session: { sessionId?: string; close?: () => void } = {},
  ): () => void {
    const sub: Subscriber = { user, send, ...session };
    this.subscribers.add(sub);
    this.visible.set(sub, new Set(visibleIds));
    return () => this.subscribers.delete(sub);
  }

  /** Ends the streams of revoked sessions. */
  revokeSessions(sessionIds: readonly string[]): void {
    const ids = new Set(sessionIds);
    for (const sub of this.subscribers) {
      if (sub.sessionId && ids.has(sub.sessionId)) {
        this.subscribers.delete(sub);
        sub.close?.();
      }
    }
  }

  get size(): number {
    return this.subscribers.size;
  }

  publishArticle(article: ArticleSummary): void {
    this.deliverArticle(article);
    this.relay?.({ type: 'article', article });
  }

  /** A control message from another node: a desk event it relayed. Other kinds are not the hub's. */
  hear(message: ControlMessage): void {
    if (message.type === 'desk') this.deliver(message.event as DeskEvent);
  }

  /**
   * To this node's subscribers only: an event another node relayed, or presence (each node
   * merges every node's list itself, presence/presence.ts).
   */
  deliver(event: DeskEvent): void {
    if (event.type === 'article') this.deliverArticle(event.article);
    else if (event.type !== 'article-removed') this.deliverAbout(event.articleId, event);
  }

  private deliverArticle(article: ArticleSummary): void {
    const assigneeIds = article.assignees.map((a) => a.id);
    for (const sub of this.subscribers) {
      const seen = this.visible.get(sub)!;
      if (mayOpen(sub.user, relationTo(sub.user.id, article.createdBy, assigneeIds))) {
        seen.add(article.id);
        sub.send({ type: 'article', article });
      } else if (seen.delete(article.id)) {
        sub.send({ type: 'article-removed', id: article.id });
      }
    }
  }

  /** An event about one article, for whoever may open it, on every node. */
  publishAbout(articleId: string, event: Extract<DeskEvent, { type: 'comments' | 'access-requests' }>): void {
    this.deliverAbout(articleId, event);
    this.relay?.(event);
  }

  private deliverAbout(articleId: string, event: Exclude<DeskEvent, { type: 'article' | 'article-removed' }>): void {
    for (const sub of this.subscribers) {
      if (mayOpen(sub.user, 'none') || this.visible.get(sub)!.has(articleId)) sub.send(event);
    }
  }
}
