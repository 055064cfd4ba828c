/** "just now", "5 minutes ago", "yesterday", then a date: how the desk says when a story changed. */

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dateSameYear = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const dateOtherYear = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const ago = now - then;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return rtf.format(-Math.floor(ago / DAY), 'day');
  const date = new Date(then);
  return (date.getFullYear() === new Date(now).getFullYear() ? dateSameYear : dateOtherYear).format(date);
}

/** Full local date and time, for a `title` or `<time>` tooltip. */
export function fullTime(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : new Date(then).toLocaleString();
}
