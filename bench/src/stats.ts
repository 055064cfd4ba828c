/**
 * Statistics for the benchmark: percentiles over latency samples, summaries, and the ratios
 * the report is written in. Pure functions, no I/O, so they are unit-tested exhaustively.
 */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The p-th percentile (0..100) of samples already sorted ascending, by the nearest-rank
 * method: the smallest sample with at least p% of the samples at or below it. Nearest rank
 * never invents a value between two samples, so a p99 is a latency someone actually saw.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0..100`);
  if (p === 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function percentile(samples: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(samples).sort(), p);
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export function median(samples: ArrayLike<number>): number {
  return percentile(samples, 50);
}

/**
 * value / baseline, or undefined when either is missing or the baseline is zero (a ratio to
 * nothing is not a figure). Infinite or NaN inputs count as missing.
 */
export function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
  if (value === undefined || baseline === undefined) return undefined;
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return undefined;
  return value / baseline;
}

/** A ratio as the report prints it: two significant decimals below 10, one above. */
export function formatRatio(r: number | undefined): string {
  if (r === undefined) return 'n/a';
  if (r >= 10) return `${r.toFixed(1)}x`;
  return `${r.toFixed(2)}x`;
}

/** Appends samples to a growable Float64Array (millions of latencies without boxing). */
export class SampleBuffer {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * A bounded uniform sample of a stream (reservoir sampling, algorithm R): memory stays fixed
 * however long the run, and the percentiles of the sample estimate those of the stream.
 */
export class Reservoir {
  private readonly data: Float64Array;
  seen = 0;

  constructor(
    readonly capacity: number,
    private readonly random: () => number = Math.random,
  ) {
    this.data = new Float64Array(capacity);
  }

  add(value: number): void {
    if (this.seen < this.capacity) {
      this.data[this.seen++] = value;
      return;
    }
    this.seen++;
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.data[j] = value;
  }

  values(): Float64Array {
    return this.data.slice(0, Math.min(this.seen, this.capacity));
  }

  reset(): void {
    this.seen = 0;
  }
}
