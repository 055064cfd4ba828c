/**
 * The registry of loaded rooms. Concurrent connects to one article share one load; a room
 * unloads after its last connection leaves, and only once its writes are committed. A loaded
 * room listens to its article's fan-out channel; an unloaded one does not.
 */
import type { DocStore } from '../db/doc-store.js';
import type { Logger } from '../logger.js';
import type { FanoutSubscription } from './fanout.js';
import { Room, type RoomDeps } from './room.js';

export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly subscriptions = new Map<Room, FanoutSubscription>();

  constructor(
    private readonly deps: RoomDeps & { store: DocStore; log: Logger; maxDocuments: number },
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  get(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The room for `id`, loaded if needed; the caller holds a reference until `release`. */
  async acquire(id: string): Promise<Room> {
    const loaded = this.rooms.get(id);
    if (loaded) {
      loaded.refs++;
      return loaded;
    }
    let loading = this.loading.get(id);
    if (!loading) {
      if (this.rooms.size + this.loading.size >= this.deps.maxDocuments) {
        throw new OverloadedError(`${this.deps.maxDocuments} documents are open`);
      }
      loading = this.load(id);
      this.loading.set(id, loading);
    }
    const room = await loading;
    room.refs++;
    return room;
  }

  release(room: Room): void {
    room.refs--;
    if (room.refs === 0) void this.unload(room);
  }

  /** Commits and unloads every room (shutdown). */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room, true)));
  }

  /**
   * Subscribes first, then reads the database: an update another node commits meanwhile is
   * either in what was read or among the messages buffered since subscribing (or both, which
   * Yjs takes as a no-op). Reading first would lose what is published between read and subscribe.
   */
  private async load(id: string): Promise<Room> {
    const subscription = this.deps.fanout.subscribe(id);
    try {
      await subscription.ready;
      const [stored, saved] = await Promise.all([this.deps.store.load(id), this.deps.savedMeta?.(id).catch(() => undefined)]);
      const room = new Room(id, stored, this.deps, saved);
      subscription.attach((message) => room.receive(message));
      this.subscriptions.set(room, subscription);
      this.rooms.set(id, room);
      return room;
    } catch (err) {
      subscription.close();
      throw err;
    } finally {
      this.loading.delete(id);
    }
  }

  private async unload(room: Room, force = false): Promise<void> {
    try {
      await room.finalize();
    } catch (err) {
      this.deps.log.error({ err, articleId: room.id }, 'could not finalize room');
      if (!force) return;
    }
    if (!force && room.refs > 0) return;
    if (this.rooms.get(room.id) === room) {
      this.rooms.delete(room.id);
      this.subscriptions.get(room)?.close();
      this.subscriptions.delete(room);
      room.destroy();
    }
  }
}
