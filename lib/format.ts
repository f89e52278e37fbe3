// Dates are shown in UTC with the zone named, so that two staff members in different places
// read the same time for the same event (and server and browser render the same text).
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatDateTime(value: Date | string): string {
  return `${dateTime.format(new Date(value))} UTC`;
}

const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' });

/** "12:03:10 UTC": a moment later today (when a pause ends). */
export function formatTime(value: Date | string): string {
  return `${time.format(new Date(value))} UTC`;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "5 min ago", "in 2 hr": for times whose exact value matters less than their distance. */
export function formatRelative(value: Date | string, now: Date = new Date()): string {
  const diff = new Date(value).getTime() - now.getTime();
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') return relative.format(Math.round(diff / size), unit);
  }
  return relative.format(0, 'second');
}

const counts = new Intl.NumberFormat('en-US');

/** "4,812": counts of chats and shares, grouped the same way on the server and in the browser. */
export function formatCount(value: number): string {
  return counts.format(value);
}
