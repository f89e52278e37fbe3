// The server renders times in UTC with the zone named (server and browser then render the same
// text during hydration); the browser then shows them in the viewer's own zone (components/ui/date-time).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = create()));
  return format;
}

/** "UTC", "EST", "GMT+1": the zone's short name at that moment (it changes with summer time). */
export function zoneLabel(value: Date | string, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return 'UTC';
  const format = cached(zoneFormats, timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }));
  return format.formatToParts(new Date(value)).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "30 Nov 2026, 14:03 UTC", in the zone given (UTC by default). */
export function formatDateTime(value: Date | string, timeZone = 'UTC'): string {
  const format = cached(dateTimeFormats, timeZone, () => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }));
  return `${format.format(new Date(value))} ${zoneLabel(value, timeZone)}`;
}

/** "12:03:10 UTC" (or "12:03 UTC" without seconds): a moment later today, such as when a pause ends. */
export function formatTime(value: Date | string, timeZone = 'UTC', { seconds = true } = {}): string {
  const format = cached(timeFormats, `${timeZone} ${seconds}`, () => new Intl.DateTimeFormat('en-GB', { timeStyle: seconds ? 'medium' : 'short', timeZone }));
  return `${format.format(new Date(value))} ${zoneLabel(value, timeZone)}`;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/**
 * "5 min ago", "in 2 hr": for times whose exact value matters less than their distance. Under a
 * minute either way is "just now": a time written a moment ago must not read "in 3 sec." on a
 * clock a little behind.
 */
export function formatRelative(value: Date | string, now: Date = new Date()): string {
  const diff = new Date(value).getTime() - now.getTime();
  if (Math.abs(diff) < 60_000) return 'just now';
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
