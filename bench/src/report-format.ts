/** Number formatting for the report: units, and "ratio (absolute)" cells. */
import { formatRatio, ratio } from './stats.js';

export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

export function us(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return `${v.toFixed(1)} µs`;
}

export function bytes(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 2 ** 20) return `${(v / 2 ** 20).toFixed(1)} MiB`;
  if (a >= 2 ** 10) return `${(v / 2 ** 10).toFixed(1)} KiB`;
  return `${v.toFixed(0)} B`;
}

export function count(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return v.toLocaleString('en-US');
}

export function pct(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return `${(v * 100).toFixed(0)}%`;
}

/** A peer's cell: its ratio to Copydesk, with its own value after it. */
export function cell(value: number | undefined, baseline: number | undefined, format: (v: number | undefined) => string): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return `${formatRatio(ratio(value, baseline))} (${format(value)})`;
}
