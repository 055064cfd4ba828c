/**
 * Keeps an article row's headline, dek and word count in step with its live document: about a
 * second after an edit, and only when they changed. Edits that leave all three as they were
 * still mark the article as edited (the desk sorts by it, "edited 2 min ago"), at most every
 * `touchMs`: a write and a desk event per article per second while anyone types would cost more
 * than the edits themselves.
 */
import type { ArticleMeta } from '../articles/repo.js';
import { guarded, type Logger } from '../logger.js';

const TOUCH_MS = 30_000;

export interface MetaSaverOptions {
  articleId: string;
  /** Reads the metadata from the live document. */
  read(): ArticleMeta;
  save(articleId: string, meta: ArticleMeta): Promise<void>;
  log: Logger;
  delayMs?: number | undefined;
  touchMs?: number | undefined;
}

export class MetaSaver {
  private timer: NodeJS.Timeout | undefined;
  private touchTimer: NodeJS.Timeout | undefined;
  private dirty = false;
  private saved: ArticleMeta | undefined;
  private savedAt: number;
  /** The account whose edit came last since the last save (the desk's "Edited by"). */
  private editedBy: string | undefined;

  /** `saved`: what the article row held when the room loaded, if known (no save until it differs). */
  constructor(
    private readonly options: MetaSaverOptions,
    saved?: ArticleMeta,
  ) {
    this.saved = saved;
    this.savedAt = saved ? Date.now() : 0;
  }

  /** The document changed (by account `by`, when a person here did it): save within `delayMs` if its metadata did. */
  edited(by?: string): void {
    this.dirty = true;
    if (by !== undefined) this.editedBy = by;
    this.timer ??= setTimeout(guarded(this.options.log, { articleId: this.options.articleId }, () => this.save(false)), this.options.delayMs ?? 1000);
  }

  /** Saves whatever edits are not saved yet, touch included (the room unloads). */
  flush(): Promise<void> {
    if (this.touchTimer) this.dirty = true;
    return this.save(true);
  }

  /** Writes the live metadata now, changed or not (a workflow transition is about to read the row). */
  saveNow(): Promise<void> {
    this.dirty = true;
    return this.save(true);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.touchTimer);
  }

  private async save(force: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    // This runs from timers: whatever reading the document throws is logged, never thrown.
    let meta: ArticleMeta;
    try {
      meta = this.options.read();
    } catch (err) {
      this.options.log.error({ err, articleId: this.options.articleId }, 'could not read article metadata from the document');
      return;
    }
    const last = this.saved;
    const same = last !== undefined && last.headline === meta.headline && last.dek === meta.dek && last.wordCount === meta.wordCount;
    // Spread over a quarter of the interval: rooms loaded together do not all write at once.
    const wait = this.savedAt + (this.options.touchMs ?? TOUCH_MS) * (1 + Math.random() / 4) - Date.now();
    if (same && !force && wait > 0) {
      this.touchTimer ??= setTimeout(
        guarded(this.options.log, { articleId: this.options.articleId }, () => {
          this.touchTimer = undefined;
          this.dirty = true;
          return this.save(true);
        }),
        wait,
      );
      return;
    }
    clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    this.saved = meta;
    this.savedAt = Date.now();
    const editedBy = this.editedBy;
    this.editedBy = undefined;
    try {
      await this.options.save(this.options.articleId, { ...meta, editedBy });
    } catch (err) {
      this.saved = undefined;
      this.options.log.error({ err, articleId: this.options.articleId }, 'could not save article metadata');
    }
  }
}
