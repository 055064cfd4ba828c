/**
 * A room's account of its stored form: the log rows its document holds that no compaction of
 * this room has folded yet, with their sizes, and the stored snapshot's size. Compaction folds
 * exactly these rows: with several nodes, a lower seq may still be uncommitted or on its way
 * from another node, so "everything up to the highest seq seen" would be wrong. The sizes are
 * what the document takes in storage, which MAX_DOCUMENT_BYTES limits (update-rules.ts).
 */
export class LogLedger {
  private readonly rows = new Map<number, number>();
  private snapshot: number;
  private log = 0;

  constructor(snapshotBytes: number) {
    this.snapshot = snapshotBytes;
  }

  /** Log rows not folded yet. */
  get count(): number {
    return this.rows.size;
  }

  /** Bytes of those rows. */
  get logBytes(): number {
    return this.log;
  }

  /** The snapshot and the rows not folded into it. */
  get storedBytes(): number {
    return this.snapshot + this.log;
  }

  /** The document holds log row `seq` (once, however often it is seen). */
  add(seq: number, bytes: number): void {
    if (this.rows.has(seq)) return;
    this.rows.set(seq, bytes);
    this.log += bytes;
  }

  /** The rows a compaction would fold now. */
  seqs(): number[] {
    return [...this.rows.keys()];
  }

  /** A snapshot of `snapshotBytes` now holds `seqs` (a compaction, or one read back). */
  folded(seqs: readonly number[], snapshotBytes: number): void {
    for (const seq of seqs) {
      this.log -= this.rows.get(seq) ?? 0;
      this.rows.delete(seq);
    }
    this.snapshot = snapshotBytes;
  }
}
