/**
 * `<input type="datetime-local">` speaks local wall-clock time without a zone ("2026-03-04T09:30");
 * the API speaks ISO instants. These convert between the two in the browser's time zone.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant `iso` as the value of a datetime-local input, or '' when there is none. */
export function toLocalInput(iso: string | null | undefined): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant, or undefined when it is empty or not a time. */
export function fromLocalInput(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const whenFormat = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/** "Tue, 4 Mar, 9:30 AM": when something is scheduled, in the reader's words. */
export function formatWhen(iso: string | null | undefined): string {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? '' : whenFormat.format(at);
}
