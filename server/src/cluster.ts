/**
 * What one node tells the others besides document updates (those travel per article, see
 * collab/fanout.ts): an article's access changed, sessions were revoked, desk events, and who
 * has which article open. With one node (no REDIS_URL) every call here is just the local work.
 */
import type { Collab } from './collab/collab.js';
import type { ControlMessage, Fanout } from './collab/fanout.js';
import type { DeskEvent, EventHub } from './events/hub.js';
import { guarded, type Logger } from './logger.js';

const PRESENCE_REPEAT_MS = 30_000;

export class Cluster {
  private readonly repeat: NodeJS.Timeout;

  constructor(
    private readonly fanout: Fanout,
    private readonly collab: Collab,
    private readonly hub: EventHub,
    private readonly log: Logger,
  ) {
    hub.relay = (event) => fanout.publishControl({ type: 'desk', event });
    fanout.onControl((message, from) => this.receive(message, from));
    this.repeat = setInterval(
      guarded(log, { task: 'presence repeat' }, () => {
        for (const articleId of collab.openArticles()) this.tellPresence(articleId);
      }),
      PRESENCE_REPEAT_MS,
    );
    this.repeat.unref();
  }

  /** An article's state or assignees changed: sockets everywhere turn read-only, writable, or close. */
  async refreshAccess(articleId: string, userId?: string): Promise<void> {
    this.fanout.publishControl({ type: 'access', articleId, ...(userId ? { userId } : {}) });
    await this.collab.refreshAccess(articleId, userId);
  }

  /** Sessions ended: their sockets and event streams close on every node. */
  revoke(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    this.fanout.publishControl({ type: 'revoke', sessionIds: [...sessionIds] });
    this.collab.revokeSessions(sessionIds);
    this.hub.revokeSessions(sessionIds);
  }

  /** Someone joined or left an article on this node. */
  presenceChanged(articleId: string): void {
    this.tellPresence(articleId);
    this.hub.publishAbout(articleId, { type: 'presence', articleId, editing: this.collab.editing(articleId) });
  }

  stop(): void {
    clearInterval(this.repeat);
  }

  private tellPresence(articleId: string): void {
    if (this.fanout.linked) this.fanout.publishControl({ type: 'presence', articleId, editing: this.collab.localEditing(articleId) });
  }

  private receive(message: ControlMessage, from: string): void {
    switch (message.type) {
      case 'access':
        if (typeof message.articleId === 'string') {
          this.collab.refreshAccess(message.articleId, message.userId).catch((err: unknown) => this.log.error({ err }, 'remote access refresh failed'));
        }
        return;
      case 'revoke':
        if (Array.isArray(message.sessionIds)) {
          const ids = message.sessionIds.filter((id): id is string => typeof id === 'string');
          this.collab.revokeSessions(ids);
          this.hub.revokeSessions(ids);
        }
        return;
      case 'desk':
        this.hub.deliver(message.event as DeskEvent);
        return;
      case 'presence':
        if (typeof message.articleId === 'string' && Array.isArray(message.editing)) {
          this.collab.setRemotePresence(from, message.articleId, message.editing);
          this.hub.publishAbout(message.articleId, { type: 'presence', articleId: message.articleId, editing: this.collab.editing(message.articleId) });
        }
        return;
    }
  }
}
