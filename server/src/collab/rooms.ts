/**
 * The registry of loaded rooms. Concurrent connects to one article share one load; a room
 * unloads after its last connection leaves, and only once its writes are committed.
 */
import type { DocStore } from '../db/doc-store.js';
import type { Logger } from '../logger.js';
import { Room, type RoomDeps } from './room.js';

export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();

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

  private async load(id: string): Promise<Room> {
    try {
      const stored = await this.deps.store.load(id);
      const room = new Room(id, stored, this.deps);
      this.rooms.set(id, room);
      return room;
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
      room.destroy();
    }
  }
}
