/**
 * The server's half of save receipts (shared/src/save-receipts.ts): for one connection that
 * asked for them, counts the update-bearing messages it sent and tells it how many are stored.
 * A message is stored once the commit holding its update is done; one that needed no storing
 * (a repeat of what the document has) counts as stored once everything before it is. Refused
 * updates (a read-only connection) are never counted: the client keeps showing them unsaved.
 */
export class Receipts {
  /** Update-bearing messages handled, in order of arrival. */
  private handled = 0;
  /** Updates handed to the writer and not committed yet. */
  private uncommitted = 0;
  private told = 0;
  private skippedBefore = 0;

  constructor(private readonly tell: (saved: number) => void) {}

  /** An update from this connection goes to the writer. */
  storing(): void {
    this.uncommitted++;
  }

  /** One of those updates is committed. */
  committed(): void {
    if (this.uncommitted > 0) this.uncommitted--;
  }

  /**
   * A message carrying an update was dropped because it built on changes the server lacked:
   * the client was asked for everything it has, and the answer (the next update handled)
   * carries that change too, so it counts as stored with it.
   */
  skipped(): void {
    this.skippedBefore++;
  }

  /** A message carrying an update has been handled (after `storing`, if it was stored). */
  handledUpdate(): void {
    this.handled += 1 + this.skippedBefore;
    this.skippedBefore = 0;
    this.flush();
  }

  /** Tells the client, if everything it sent so far is stored and it has not been told so. */
  flush(): void {
    if (this.uncommitted === 0 && this.handled > this.told) {
      this.told = this.handled;
      this.tell(this.handled);
    }
  }
}
