/**
 * Most SQLite WAL checkpoint work off the event loop. In WAL mode SQLite copies the log back
 * into the database file once the log passes 1000 pages, inside whichever commit crosses that
 * line, fsync included: on the event loop that commit stalls every socket (bench/ measured
 * commit p99 133 ms, max 433 ms at 100 rooms x 5 editors on a busy disk). A worker thread with
 * its own connection checkpoints every `intervalMs`, PASSIVE (never blocking a writer), so the
 * copying and most of the syncing happen there. The main connection keeps its automatic
 * checkpoint: under a steady stream of commits a checkpoint from another connection never
 * finds the log quiet enough to let it start over, and the log would grow without bound; the
 * automatic one (run between our commits) finds almost everything already copied.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointResult {
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

// Plain CommonJS, evaluated in the worker: the bundle has no separate file for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const run = (mode) => {
  try {
    const [r] = db.pragma('wal_checkpoint(' + mode + ')');
    if (r && r.log > 0) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(() => run('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  run('PASSIVE');
  db.close();
  parentPort.postMessage('stopped');
});
`;

export class Checkpointer {
  private readonly worker: Worker;

  constructor(path: string, intervalMs = 100, onResult?: (r: CheckpointResult) => void, onError?: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
    this.worker.unref();
    this.worker.on('message', (m: unknown) => {
      if (typeof m !== 'object' || m === null) return;
      if ('error' in m) onError?.(String((m as { error: unknown }).error));
      else onResult?.(m as CheckpointResult);
    });
    this.worker.on('error', (err) => onError?.(err.message));
  }

  /** Checkpoints once more and closes the worker's connection. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        void this.worker.terminate().then(() => resolve());
      };
      const timer = setTimeout(done, 5000);
      this.worker.on('message', (m: unknown) => {
        if (m === 'stopped') {
          clearTimeout(timer);
          done();
        }
      });
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage('stop');
    });
  }
}
