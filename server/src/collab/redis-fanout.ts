/**
 * Fan-out over Redis pub/sub: one channel per article (`copydesk:doc:<articleId>`), binary
 * envelopes that name the sending node, two connections (a subscribed connection cannot
 * publish). Redis holds no state here; losing it pauses cross-node delivery and nothing else.
 *
 * Pub/sub delivers at most once. Where messages may have been lost, the receiver reads the
 * article back from the database instead:
 * - the subscriber connection came back: every article it serves gets a `resync`;
 * - a publish failed: once the publisher is back, the article gets a `resync` on its channel,
 *   so the nodes that stayed connected catch up too.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import { decodeEnvelope, encodeEnvelope, type ControlMessage, type Fanout, type FanoutMessage, type FanoutSubscription } from './fanout.js';

const CHANNEL_PREFIX = 'copydesk:doc:';
const CONTROL_CHANNEL = 'copydesk:control';
/** How long a room load waits for Redis to confirm a subscription before going on without. */
const SUBSCRIBE_WAIT_MS = 3000;
const ANNOUNCE_RETRY_MS = 1000;
/** Repeated connection errors are logged at most this often. */
const ERROR_LOG_INTERVAL_MS = 10_000;

type Receiver = (message: FanoutMessage) => void;

class Subscription implements FanoutSubscription {
  ready: Promise<void> = Promise.resolve();
  private receiver: Receiver | undefined;
  private buffered: FanoutMessage[] | undefined = [];
  closed = false;

  constructor(
    readonly articleId: string,
    private readonly onClose: (s: Subscription) => void,
  ) {}

  attach(receiver: Receiver): void {
    this.receiver = receiver;
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    for (const m of buffered) if (!this.closed) receiver(m);
  }

  deliver(message: FanoutMessage): void {
    if (this.closed) return;
    if (this.buffered) this.buffered.push(message);
    else this.receiver?.(message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = undefined;
    this.onClose(this);
  }
}

export class RedisFanout implements Fanout {
  readonly nodeId = randomUUID();
  readonly linked = true;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channels = new Map<string, { subs: Set<Subscription>; subscribed: Promise<void> }>();
  /** Articles whose updates could not be published: they owe the other nodes a `resync`. */
  private readonly unannounced = new Set<string>();
  private announceTimer: NodeJS.Timeout | undefined;
  private lastErrorLog = 0;
  private closing = false;
  private readonly controlListeners: ((message: ControlMessage, from: string) => void)[] = [];

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const options: RedisOptions = {
      // Keep trying, at most every 2 s: local editing goes on meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      // Fail at once while disconnected instead of queueing without bound; the outage is
      // repaired by a resync, not by replaying a queue.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: `copydesk-${this.nodeId.slice(0, 8)}`,
    };
    // A publish that hangs (a half-open connection) fails after commandTimeout and is owed as a resync.
    this.pub = new Redis(url, { ...options, enableAutoPipelining: true, commandTimeout: 5000 });
    // Channels are resubscribed by `onSubscriberReady`, which also knows to resync after.
    this.sub = new Redis(url, { ...options, autoResubscribe: false });
    for (const [name, conn] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      conn.on('error', (err: Error) => this.logError(err, name));
      conn.on('end', () => {
        if (!this.closing) this.log.error({ connection: name }, 'Redis connection ended');
      });
    }
    this.pub.on('ready', () => this.announce());
    this.sub.on('ready', () => void this.onSubscriberReady());
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
  }

  publishControl(message: ControlMessage): void {
    if (this.closing || this.pub.status !== 'ready') return;
    this.pub.publish(CONTROL_CHANNEL, JSON.stringify({ from: this.nodeId, message })).catch((err: unknown) => this.logError(err, 'publisher'));
  }

  onControl(listener: (message: ControlMessage, from: string) => void): void {
    this.controlListeners.push(listener);
  }

  subscribe(articleId: string): FanoutSubscription {
    const subscription = new Subscription(articleId, (s) => this.unsubscribe(s));
    const channel = CHANNEL_PREFIX + articleId;
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { subs: new Set(), subscribed: this.subscribeChannel(channel) };
      this.channels.set(channel, entry);
    }
    entry.subs.add(subscription);
    subscription.ready = entry.subscribed;
    return subscription;
  }

  publish(articleId: string, message: FanoutMessage): void {
    if (this.closing) return;
    const failed = () => {
      if (message.kind === 'update') this.owe(articleId);
    };
    if (this.pub.status !== 'ready') {
      failed();
      return;
    }
    this.pub.publish(CHANNEL_PREFIX + articleId, Buffer.from(encodeEnvelope(this.nodeId, message))).catch((err: unknown) => {
      this.logError(err, 'publisher');
      failed();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.announceTimer);
    await Promise.all([this.pub, this.sub].map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())));
  }

  /**
   * Subscribes now if connected; waits at most SUBSCRIBE_WAIT_MS. A confirmation that comes
   * later than that is followed by a resync, since the room may have loaded before it.
   */
  private subscribeChannel(channel: string): Promise<void> {
    if (this.sub.status !== 'ready') return Promise.resolve();
    let gaveUp = false;
    const confirmed = this.sub.subscribe(channel).then(
      () => {
        if (gaveUp) this.resyncChannel(channel);
      },
      (err: unknown) => this.logError(err, 'subscriber'),
    );
    const timeout = new Promise<void>((r) =>
      setTimeout(() => {
        gaveUp = true;
        r();
      }, SUBSCRIBE_WAIT_MS).unref(),
    );
    return Promise.race([confirmed, timeout]);
  }

  private unsubscribe(subscription: Subscription): void {
    const channel = CHANNEL_PREFIX + subscription.articleId;
    const entry = this.channels.get(channel);
    if (!entry?.subs.delete(subscription) || entry.subs.size > 0) return;
    this.channels.delete(channel);
    if (this.sub.status === 'ready') this.sub.unsubscribe(channel).catch((err: unknown) => this.logError(err, 'subscriber'));
  }

  /** (Re)connected: listen again, then have every room read back what it may have missed. */
  private async onSubscriberReady(): Promise<void> {
    this.sub.subscribe(CONTROL_CHANNEL).catch((err: unknown) => this.logError(err, 'subscriber'));
    const channels = [...this.channels.keys()];
    this.log.info({ channels: channels.length }, 'Redis fan-out connected');
    if (channels.length === 0) return;
    try {
      await this.sub.subscribe(...channels);
    } catch (err) {
      // The connection dropped again; the next 'ready' repeats this.
      this.logError(err, 'subscriber');
      return;
    }
    for (const channel of channels) this.resyncChannel(channel);
  }

  private resyncChannel(channel: string): void {
    for (const s of this.channels.get(channel)?.subs ?? []) s.deliver({ kind: 'resync' });
  }

  private onMessage(channelBytes: Buffer, bytes: Buffer): void {
    if (channelBytes.toString() === CONTROL_CHANNEL) {
      this.onControlMessage(bytes);
      return;
    }
    const entry = this.channels.get(channelBytes.toString());
    if (!entry) return;
    const envelope = decodeEnvelope(bytes);
    if (!envelope) {
      this.log.warn({ channel: channelBytes.toString() }, 'ignored a fan-out message this node cannot read');
      return;
    }
    if (envelope.from === this.nodeId) return;
    for (const s of entry.subs) s.deliver(envelope.message);
  }

  private onControlMessage(bytes: Buffer): void {
    let parsed: { from?: unknown; message?: { type?: unknown } };
    try {
      parsed = JSON.parse(bytes.toString()) as typeof parsed;
    } catch {
      return;
    }
    if (typeof parsed.from !== 'string' || parsed.from === this.nodeId || typeof parsed.message?.type !== 'string') return;
    for (const listener of this.controlListeners) {
      try {
        listener(parsed.message as ControlMessage, parsed.from);
      } catch (err) {
        this.log.error({ err }, 'control message handler failed');
      }
    }
  }

  private owe(articleId: string): void {
    this.unannounced.add(articleId);
    this.announceTimer ??= setTimeout(() => {
      this.announceTimer = undefined;
      this.announce();
    }, ANNOUNCE_RETRY_MS);
  }

  /** Tells the other nodes to read back the articles whose updates this node could not publish. */
  private announce(): void {
    if (this.closing || this.unannounced.size === 0) return;
    const owed = [...this.unannounced];
    this.unannounced.clear();
    this.log.info({ articles: owed.length }, 'asking other nodes to resync after failed publishes');
    // A resync that fails to go out is owed again (publish() re-adds only updates, so add here).
    for (const articleId of owed) {
      if (this.pub.status !== 'ready') {
        this.owe(articleId);
        continue;
      }
      this.pub
        .publish(CHANNEL_PREFIX + articleId, Buffer.from(encodeEnvelope(this.nodeId, { kind: 'resync' })))
        .catch(() => this.owe(articleId));
    }
  }

  private logError(err: unknown, connection: string): void {
    const now = Date.now();
    if (this.closing || now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.log.warn({ err, connection }, 'Redis fan-out unavailable; local editing continues, other nodes catch up once it is back');
  }
}
