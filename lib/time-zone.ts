// Calendar days and wall-clock times in IANA time zones: the daily re-share's schedule, History's
// days, "today" in the viewer's zone. Pure (Intl only), correct across daylight-saving changes.

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The cookie that tells the server the viewer's zone (set by the browser on its first page), so
 * that times and days are rendered in it from the first byte.
 */
export const VIEWER_ZONE_COOKIE = 'viewer_tz';

/** A wall-clock time as HH:MM, 24-hour. */
export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsIn(instant: Date, timeZone: string): Parts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) => Number(format.formatToParts(instant).find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const { year, month, day } = partsIn(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a local date and time happen in a zone. A time skipped by a daylight-saving change
 * (02:30 on the night clocks go forward) happens at the first instant after the gap.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  for (const candidate of [first, second]) {
    const local = partsIn(new Date(candidate), timeZone);
    if (local.hour === hour && local.minute === minute) return new Date(candidate);
  }
  // In the gap: neither candidate shows that wall time; the later one is just after the gap.
  return new Date(Math.max(first, second));
}

/** "2026-12-01" for ("2026-11-30", 1): calendar arithmetic on day strings. */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same UTC time `months` calendar months earlier; a day the earlier month lacks becomes its last (31 March → 28 or 29 February). */
export function monthsBefore(instant: Date, months: number): Date {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const earlier = new Date(instant);
  earlier.setUTCFullYear(year, month, Math.min(instant.getUTCDate(), lastDay));
  return earlier;
}
