// Times of day in a time zone, for the daily re-share. Pure (Intl only), so the scheduler can be
// tested with any clock, across zones and daylight-saving changes.

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

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

export interface Occurrence {
  /** The local day it belongs to (YYYY-MM-DD): a schedule runs once per such day. */
  date: string;
  at: Date;
}

/** The most recent occurrence at or before `now`: the one that is due, if it has not run. */
export function latestOccurrence(time: string, timeZone: string, now: Date): Occurrence {
  const today = localDate(now, timeZone);
  const todayAt = zonedInstant(today, time, timeZone);
  if (todayAt <= now) return { date: today, at: todayAt };
  const yesterday = shiftDate(today, -1);
  return { date: yesterday, at: zonedInstant(yesterday, time, timeZone) };
}

/** The next occurrence after `now`. */
export function nextOccurrence(time: string, timeZone: string, now: Date): Occurrence {
  const today = localDate(now, timeZone);
  const todayAt = zonedInstant(today, time, timeZone);
  if (todayAt > now) return { date: today, at: todayAt };
  const tomorrow = shiftDate(today, 1);
  return { date: tomorrow, at: zonedInstant(tomorrow, time, timeZone) };
}

/**
 * The day a schedule should run for now, or null: the latest occurrence, unless a run was already
 * made for that day. However many days the console was down, that is one run, never one per day.
 */
export function dueRunDate(schedule: { timeOfDay: string; timeZone: string; lastRunDate: string | null }, now: Date): string | null {
  const due = latestOccurrence(schedule.timeOfDay, schedule.timeZone, now);
  return schedule.lastRunDate !== null && schedule.lastRunDate >= due.date ? null : due.date;
}

/** "tomorrow 09:00 America/New_York", "today 18:30 Europe/Paris", or the date. */
export function describeOccurrence(occurrence: Occurrence, time: string, timeZone: string, now: Date): string {
  const today = localDate(now, timeZone);
  const day = occurrence.date === today ? 'today' : occurrence.date === shiftDate(today, 1) ? 'tomorrow' : occurrence.date;
  return `${day} ${time} ${timeZone}`;
}

/** Every IANA zone the runtime knows, UTC first, with `current` kept even if the runtime lacks it. */
export function timeZoneChoices(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC');
  return ['UTC', ...new Set([...known, ...(current !== 'UTC' ? [current] : [])])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}
