import { describe, expect, it } from 'vitest';
import { Reservoir, SampleBuffer, formatRatio, median, percentile, percentileSorted, ratio, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it.each([
    [0, 1],
    [1, 1],
    [50, 50],
    [95, 95],
    [99, 99],
    [99.5, 100],
    [100, 100],
  ])('p%s of 1..100 is %s', (p, expected) => {
    expect(percentile(oneToHundred, p)).toBe(expected);
  });

  it('never interpolates between samples', () => {
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
  });

  it('sorts its input and leaves it untouched', () => {
    const input = [5, 1, 4, 2, 3];
    expect(percentile(input, 50)).toBe(3);
    expect(input).toEqual([5, 1, 4, 2, 3]);
  });

  it('returns NaN for no samples and a single sample for every p', () => {
    expect(percentile([], 50)).toBeNaN();
    for (const p of [0, 50, 99, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('rejects p outside 0..100', () => {
    expect(() => percentileSorted([1], -1)).toThrow(RangeError);
    expect(() => percentileSorted([1], 101)).toThrow(RangeError);
    expect(() => percentileSorted([1], Number.NaN)).toThrow(RangeError);
  });

  it('gives the median of an odd and an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});

describe('summarize', () => {
  it('reports count, mean, p50/p95/p99 and max', () => {
    const s = summarize(Array.from({ length: 1000 }, (_, i) => 1000 - i));
    expect(s).toEqual({ count: 1000, mean: 500.5, p50: 500, p95: 950, p99: 990, max: 1000 });
  });

  it('is all NaN except the count for no samples', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    for (const v of [s.mean, s.p50, s.p95, s.p99, s.max]) expect(v).toBeNaN();
  });

  it('sees a single outlier only in p99 and max', () => {
    const samples = [...Array.from({ length: 999 }, () => 1), 500];
    const s = summarize(samples);
    expect(s.p50).toBe(1);
    expect(s.p99).toBe(1);
    expect(s.max).toBe(500);
  });
});

describe('ratio', () => {
  it('divides value by baseline', () => {
    expect(ratio(150, 100)).toBe(1.5);
    expect(ratio(50, 100)).toBe(0.5);
  });

  it('is undefined when a figure is missing or the baseline is zero', () => {
    expect(ratio(undefined, 1)).toBeUndefined();
    expect(ratio(1, undefined)).toBeUndefined();
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1)).toBeUndefined();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('formats small and large ratios and n/a', () => {
    expect(formatRatio(1)).toBe('1.00x');
    expect(formatRatio(0.756)).toBe('0.76x');
    expect(formatRatio(12.34)).toBe('12.3x');
    expect(formatRatio(undefined)).toBe('n/a');
  });
});

describe('SampleBuffer', () => {
  it('grows past its initial capacity and clears', () => {
    const b = new SampleBuffer();
    for (let i = 0; i < 5000; i++) b.push(i);
    expect(b.length).toBe(5000);
    expect(b.values()[4999]).toBe(4999);
    b.clear();
    expect(b.values().length).toBe(0);
  });
});

describe('Reservoir', () => {
  it('keeps everything below capacity', () => {
    const r = new Reservoir(10);
    for (let i = 0; i < 5; i++) r.add(i);
    expect([...r.values()]).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps a bounded, representative sample of a long stream', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const r = new Reservoir(2000, random);
    for (let i = 0; i < 100_000; i++) r.add(i);
    expect(r.values().length).toBe(2000);
    expect(r.seen).toBe(100_000);
    // The median of a uniform sample of 0..99999 is near 50000.
    expect(Math.abs(median(r.values()) - 50_000)).toBeLessThan(5_000);
  });
});
