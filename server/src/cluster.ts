/**
 * What one node tells the others about access (document updates travel per article, see
 * collab/fanout.ts): an article's access changed, sessions were revoked. Desk events and who is
 * editing travel on the same control channel, told and heard by events/hub.ts and
 * presence/presence.ts. With one node (no REDIS_URL) every call here is just the local work.
 */
import type { Collab } from './collab/collab.js';
import type { ControlMessage, Fanout } from './collab/fanout.js';
import type { EventHub } from './events/hub.js';
import type { Logger } from './logger.js';

export class Cluster {
  constructor(
    private readonly fanout: Fanout,
    private readonly collab: Collab,
    private readonly hub: EventHub,
    private readonly log: Logger,
  ) {}

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

  /** A control message from another node; desk events and presence are not the cluster's. */
  hear(message: ControlMessage): void {
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
    }
  }
}
