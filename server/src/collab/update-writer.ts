/**
 * Makes accepted updates durable before anyone else sees them. Updates of every room that
 * arrive in one tick are appended in one transaction; only after the commit does each room
 * broadcast them. So a client never holds an edit from a peer that a crash could take back.
 *
 * Group commit: under load, commits start at least `groupCommitMs` apart, so each carries more
 * updates. A SQLite commit costs the same few page writes and lock calls whether it holds one
 * update or twenty, and at a thousand keystrokes a second those system calls outnumbered the
 * sockets' own. A lone update after a quiet spell is committed at once.
 *
 * Writes run one after another on a single chain, which also serialises compactions with the
 * appends they fold away.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger.js';
import type { DocStore } from '../db/doc-store.js';
import type { CollabMetrics, CommitLatency } from '../metrics.js';
import type { Origin } from './origins.js';

export interface CommitTarget {
  readonly id: string;
  /** Called in order, after the update is committed with log sequence `seq`. */
  committed(update: Uint8Array, origin: Origin, seq: number): void;
  /** Called once after the `committed` calls of one commit (to send them out together). */
  afterCommit?(): void;
}

interface Pending {
  target: CommitTarget;
  update: Uint8Array;
  origin: Origin;
  /** When the update was accepted (performance.now()), only when latency is measured. */
  at: number;
}

const RETRY_MS = [50, 200, 1000, 5000];

export interface UpdateWriterOptions {
  /** Least time between the starts of two commits (GROUP_COMMIT_MS); 0 commits every tick. */
  groupCommitMs?: number;
  /** Records accepted-to-committed time of every update (benchmarks only). */
  latency?: CommitLatency;
  /** Counts accepted updates and observes their commit latency (Prometheus, when on). */
  metrics?: CollabMetrics | undefined;
}

export class UpdateWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private readonly groupCommitMs: number;
  private readonly latency: CommitLatency | undefined;
  private readonly metrics: CollabMetrics | undefined;
  /** Whether anything wants accepted-to-committed times (then each update is timestamped). */
  private readonly timed: boolean;

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    options: UpdateWriterOptions = {},
  ) {
    this.groupCommitMs = options.groupCommitMs ?? 0;
    this.latency = options.latency;
    this.metrics = options.metrics;
    this.timed = this.latency !== undefined || this.metrics !== undefined;
  }

  enqueue(target: CommitTarget, update: Uint8Array, origin: Origin): void {
    this.queue.push({ target, update, origin, at: this.timed ? performance.now() : 0 });
    this.metrics?.editAccepted();
    if (!this.scheduled) {
      this.scheduled = true;
      // setImmediate, not a microtask: lets every frame already read from the sockets this
      // tick join the batch, at the cost of well under a millisecond of latency.
      setImmediate(this.kick);
    }
  }

  private readonly kick = (): void => {
    const wait = this.lastFlushAt + this.groupCommitMs - performance.now();
    if (wait >= 1) {
      setTimeout(this.kick, wait);
      return;
    }
    this.scheduled = false;
    this.lastFlushAt = performance.now();
    void this.then(() => this.flushOnce());
  };

  /** Resolves once everything enqueued before the call is committed and delivered. */
  flushed(): Promise<void> {
    if (this.queue.length > 0) this.then(() => this.flushOnce());
    return this.chain;
  }

  /** Runs `task` on the write chain, after every write enqueued so far. */
  then(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task).catch((err: unknown) => {
      this.log.error({ err }, 'write chain task failed');
    });
    this.chain = next;
    return next;
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  private async flushOnce(): Promise<void> {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let seqs: number[] | undefined;
    for (let attempt = 0; seqs === undefined; attempt++) {
      try {
        seqs = await this.store.append(batch.map((p) => ({ articleId: p.target.id, update: p.update })));
      } catch (err) {
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
        this.log.error({ err, updates: batch.length, retryInMs: wait }, 'could not append updates; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    if (this.timed) {
      const now = performance.now();
      for (const p of batch) {
        this.latency?.record(now - p.at);
        this.metrics?.committed((now - p.at) / 1000);
      }
    }
    const targets = new Set<CommitTarget>();
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      targets.add(p.target);
      try {
        p.target.committed(p.update, p.origin, seqs[i]!);
      } catch (err) {
        this.log.error({ err, articleId: p.target.id }, 'delivering a committed update failed');
      }
    }
    for (const target of targets) {
      try {
        target.afterCommit?.();
      } catch (err) {
        this.log.error({ err, articleId: target.id }, 'delivering committed updates failed');
      }
    }
  }
}
