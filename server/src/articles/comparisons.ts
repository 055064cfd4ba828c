/**
 * Comparisons of two texts (versions, published revisions) as word runs, computed off the event
 * loop and within bounds. A word diff costs time in the length of the texts (word segmentation:
 * see the worker) and in the number of changes (Myers: two different 4,000-word texts took
 * 10 s), so on the event loop one reader could stall every socket and request. Here one worker
 * thread diffs, one comparison at a time, from a short queue; a text longer than `maxWords`, or
 * a word diff past `maxEdits` changes or `wordsMs`, is compared by blocks (paragraphs) instead,
 * and if even that is too much, or the worker is busy or stuck, by the changed stretch between
 * the unchanged blocks at either end. Such an answer says `coarse: true`, and the client says
 * that it shows changed paragraphs.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Comparison, DiffPart } from '@copydesk/shared';
import type { Logger } from '../logger.js';

/** The parts of an article compared, as plain text: the body's blocks separated by blank lines. */
export interface ComparableText {
  headline: string;
  dek: string;
  body: string;
}

export interface CompareLimits {
  /** Texts longer than this (in words, either side) are compared by blocks, not words. */
  maxWords: number;
  /** A word or block diff gives up past this many inserted plus deleted tokens. */
  maxEdits?: number;
  /** Time a word diff may take, then a block diff, once the texts are split (jsdiff's `timeout`). */
  wordsMs?: number;
  blocksMs?: number;
  /** A comparison the worker has not answered by then is answered coarsely; the worker is replaced. */
  deadlineMs?: number;
  /** Comparisons waiting for the worker; more are answered coarsely at once. */
  maxWaiting?: number;
}

const DEFAULTS = { maxEdits: 2000, wordsMs: 1000, blocksMs: 500, deadlineMs: 10_000, maxWaiting: 4 };

/** Where the body's blocks meet, as `readComparable` and the revision text write them. */
const BLOCK_BREAK = '\n\n';
const BLOCK_SPLIT = /\n[ \t]*\n\s*/;

// Plain CommonJS, evaluated in the worker (as checkpointer.ts does): the bundle has no separate
// file for it; jsdiff loads from node_modules. Runs are [change, value]: -1 removed, 1 added.
// Words are as a reader sees them (Unicode word boundaries): "4.2", "don't" and "e-mail" are one
// word each, so a changed figure shows as the old figure struck and the new one inserted.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { diffWords, diffArrays } = require(workerData.diff);
const { maxWords, maxEdits, wordsMs, blocksMs } = workerData;
const intl = new Intl.Segmenter(undefined, { granularity: 'word' });
// Node 20's Intl.Segmenter copies the whole input into every segment it yields: quadratic in the
// text (4,000 words took 0.1-0.7 s to split, 200,000 ran out of memory), and jsdiff segments
// every run of its result again. Words do not span whitespace, so this splits the text in
// pieces cut where whitespace meets a letter, digit or mark of punctuation (a piece with no such
// place is cut anyway), and yields bare segments.
const PIECE = 1000;
const cuttable = /[\\p{L}\\p{N}\\p{P}]/u;
const segmenter = {
  resolvedOptions: () => intl.resolvedOptions(),
  *segment(text) {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(text.length, start + PIECE);
      const limit = Math.min(text.length, start + 4 * PIECE);
      while (end < limit && !(/\\s/.test(text[end - 1]) && cuttable.test(text[end]))) end++;
      if (end < text.length && /[\\uDC00-\\uDFFF]/.test(text[end])) end++;
      for (const s of intl.segment(text.slice(start, end))) yield { segment: s.segment };
      start = end;
    }
  },
};
const BLOCK_SPLIT = ${BLOCK_SPLIT.toString()};
const fewWords = (s) => {
  const re = /\\S+/g;
  let n = 0;
  while (re.exec(s) !== null) if (++n > maxWords) return false;
  return true;
};
const runs = (changes) => changes.map((c) => [c.added ? 1 : c.removed ? -1 : 0, c.value]);
const compare = ([a, b]) => {
  if (a === b) return { by: 'same' };
  if (fewWords(a) && fewWords(b)) {
    const words = diffWords(a, b, { intlSegmenter: segmenter, maxEditLength: maxEdits, timeout: wordsMs });
    if (words) return { by: 'words', runs: runs(words) };
  }
  const blocks = diffArrays(a.split(BLOCK_SPLIT), b.split(BLOCK_SPLIT), { maxEditLength: maxEdits, timeout: blocksMs });
  return blocks ? { by: 'blocks', runs: runs(blocks) } : { by: 'whole' };
};
parentPort.on('message', (job) => {
  let reply;
  try {
    reply = { id: job.id, results: job.fields.map(compare) };
  } catch (err) {
    reply = { id: job.id, error: String((err && err.message) || err) };
  }
  parentPort.postMessage(reply);
});
`;

type Change = -1 | 0 | 1;
type FieldResult =
  | { by: 'same' }
  | { by: 'words'; runs: [Change, string][] }
  | { by: 'blocks'; runs: [Change, string[]][] }
  | { by: 'whole' };
type Pair = [string, string];

interface Job {
  id: number;
  fields: Pair[];
  /** Called once: with the worker's results, or with none to answer coarsely. */
  done(results: FieldResult[] | undefined): void;
}

export class Comparisons {
  private readonly limits: Required<CompareLimits>;
  /** jsdiff's CommonJS entry, which the worker requires (resolved at start: missing, it fails the boot). */
  private readonly diffModule = createRequire(import.meta.url).resolve('diff');
  private worker: Worker | undefined;
  private readonly waiting: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private closed = false;

  constructor(
    limits: CompareLimits,
    private readonly log?: Logger,
  ) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  /** What changed from `before` to `after`, word by word when that is within bounds. */
  compare(before: ComparableText, after: ComparableText): Promise<Comparison> {
    const fields: Pair[] = [
      [before.headline, after.headline],
      [before.dek, after.dek],
      [before.body, after.body],
    ];
    return new Promise((resolve) => {
      const done = (results: FieldResult[] | undefined) => resolve(assemble(fields, results));
      if (this.closed || this.waiting.length >= this.limits.maxWaiting) return done(undefined);
      this.waiting.push({ id: this.nextId++, fields, done });
      this.next();
    });
  }

  /** Answers what is pending coarsely and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.done(undefined);
    this.finish(undefined);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.waiting.shift();
    if (!job) return;
    const worker = (this.worker ??= this.startWorker());
    const timer = setTimeout(() => this.abandon(), this.limits.deadlineMs);
    this.running = { job, timer };
    worker.postMessage({ id: job.id, fields: job.fields });
  }

  private startWorker(): Worker {
    const { maxWords, maxEdits, wordsMs, blocksMs } = this.limits;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { diff: this.diffModule, maxWords, maxEdits, wordsMs, blocksMs },
      // Out of memory, the worker ends (and the comparison is answered coarsely), not the process.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    // A request waiting for an answer keeps the process alive; an idle worker should not.
    worker.unref();
    worker.on('message', (m: { id: number; results?: FieldResult[]; error?: string }) => {
      if (m.id !== this.running?.job.id) return;
      if (m.error) this.log?.warn({ error: m.error }, 'comparison failed in the worker; answered by blocks');
      this.finish(m.results);
      this.next();
    });
    worker.on('error', (err) => this.log?.error({ err }, 'comparison worker failed'));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish(undefined);
      this.next();
    });
    return worker;
  }

  /** The running comparison took too long (huge texts): answer it coarsely, start afresh. */
  private abandon(): void {
    this.log?.warn({ deadlineMs: this.limits.deadlineMs }, 'comparison took too long; answered by blocks, worker replaced');
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.finish(undefined);
    this.next();
  }

  private finish(results: FieldResult[] | undefined): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    running.job.done(results);
  }
}

function assemble(fields: Pair[], results: FieldResult[] | undefined): Comparison {
  const [headline, dek, body] = fields.map(([a, b], i) => partsOf(a, b, results?.[i] ?? { by: a === b ? 'same' : 'whole' })) as [Parts, Parts, Parts];
  const changed = [headline, dek, body].some((f) => f.parts.some((p) => p.added || p.removed));
  return { headline: headline.parts, dek: dek.parts, body: body.parts, changed, coarse: [headline, dek, body].some((f) => f.coarse) };
}

interface Parts {
  parts: DiffPart[];
  coarse: boolean;
}

function partsOf(a: string, b: string, result: FieldResult): Parts {
  switch (result.by) {
    case 'same':
      return { parts: a === '' ? [] : [{ value: a }], coarse: false };
    case 'words':
      return { parts: result.runs.map(([change, value]) => part(value, change)), coarse: false };
    case 'blocks':
      return { parts: blockParts(result.runs), coarse: true };
    case 'whole':
      return { parts: blockParts(trimmedBlocks(a, b)), coarse: true };
  }
}

function part(value: string, change: Change): DiffPart {
  return { value, ...(change === 1 ? { added: true } : change === -1 ? { removed: true } : {}) };
}

/** Runs of whole blocks as parts, a blank line between runs so each block stays a block. */
function blockParts(runs: [Change, string[]][]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const [change, blocks] of runs) {
    const value = blocks.filter((block) => block.trim() !== '').join(BLOCK_BREAK);
    if (value === '') continue;
    if (parts.length > 0) parts.push({ value: BLOCK_BREAK });
    parts.push(part(value, change));
  }
  return parts;
}

/**
 * The cheapest honest comparison, linear in the text: the blocks both sides start and end with
 * are unchanged, and everything between them was removed and added.
 */
function trimmedBlocks(a: string, b: string): [Change, string[]][] {
  const x = a.split(BLOCK_SPLIT);
  const y = b.split(BLOCK_SPLIT);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  return [
    [0, x.slice(0, start)],
    [-1, x.slice(start, x.length - end)],
    [1, y.slice(start, y.length - end)],
    [0, x.slice(x.length - end)],
  ];
}
