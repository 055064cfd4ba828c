/**
 * How many versions people may save on demand, per article per minute: named versions, and the
 * two a restore takes. A version is a full snapshot of the document, so without a limit anyone
 * who may edit could fill the database by saving a long article again and again. The server's
 * own versions (at transitions, after minutes of editing) are not counted. In memory, per
 * process: with several nodes each counts its own, which still bounds saving to nodes x limit.
 */
const WINDOW_MS = 60_000;

export class VersionLimit {
  private readonly taken = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `count` saves for the article if there is room: 0, else the seconds until there is. */
  take(articleId: string, count = 1): number {
    const list = this.prune(articleId);
    if (list.length + count > this.perMinute) {
      const freeing = list[list.length + count - this.perMinute - 1] ?? this.now();
      return Math.max(1, Math.ceil((freeing + WINDOW_MS - this.now()) / 1000));
    }
    const at = this.now();
    for (let i = 0; i < count; i++) list.push(at);
    this.taken.set(articleId, list);
    return 0;
  }

  /** Drops articles with no save left in the window (call now and then). */
  sweep(): void {
    for (const key of [...this.taken.keys()]) this.prune(key);
  }

  private prune(articleId: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.taken.get(articleId) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.taken.delete(articleId);
    else this.taken.set(articleId, list);
    return list;
  }
}
