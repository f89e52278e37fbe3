// When an automatic share may go: after its delay, outside the number's quiet hours (in its zone),
// within its daily cap. Pure (the zone maths is lib/time-zone.ts), so that quiet hours, the cap and
// daylight-saving changes are tested with any clock.
import { localDate, shiftDate, zonedInstant } from '@/lib/time-zone';

export interface QuietHours {
  /** HH:MM, 24-hour, in timeZone. */
  start: string;
  end: string;
}

export interface AutoTiming {
  delayMinutes: number;
  /** How long one minute of the delay lasts (60 000 but in a compressed benchmark). */
  minuteMs?: number;
  /** Null: no quiet hours. */
  quiet: QuietHours | null;
  timeZone: string;
}

/**
 * A conversation that reached its trigger longer ago than this is not at its start any more: a
 * share held this long (paused, its owner gone, the cap full day after day) is skipped as stale.
 */
export const STALE_AFTER_MS = 48 * 3_600_000;

function minutesOf(time: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}

/** The local wall-clock time of an instant in a zone, in minutes after midnight. */
function localMinutes(instant: Date, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(instant);
  return minutesOf(text);
}

/** Whether an instant falls in the quiet hours (which may span midnight: 21:00 to 08:00). */
export function inQuietHours(instant: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const now = localMinutes(instant, timeZone);
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The first instant after `instant` at which the quiet hours end (the local end time, today or tomorrow). */
export function quietHoursEnd(instant: Date, quiet: QuietHours, timeZone: string): Date {
  const today = localDate(instant, timeZone);
  for (const date of [shiftDate(today, -1), today, shiftDate(today, 1), shiftDate(today, 2)]) {
    const end = zonedInstant(date, quiet.end, timeZone);
    if (end > instant) return end;
  }
  return new Date(instant.getTime() + 24 * 3_600_000);
}

/** The earliest instant at or after `instant` outside the quiet hours. */
export function outsideQuietHours(instant: Date, timing: Pick<AutoTiming, 'quiet' | 'timeZone'>): Date {
  return timing.quiet && inQuietHours(instant, timing.quiet, timing.timeZone) ? quietHoursEnd(instant, timing.quiet, timing.timeZone) : instant;
}

/**
 * When a share first falls due: its delay after the trigger, never before now (a trigger the sync
 * found late goes at once), and pushed out of the quiet hours to their end (`quiet` then says so).
 */
export function firstDueAt(triggeredAt: Date, timing: AutoTiming, now: Date): { dueAt: Date; quiet: boolean } {
  const afterDelay = new Date(Math.max(triggeredAt.getTime() + timing.delayMinutes * (timing.minuteMs ?? 60_000), now.getTime()));
  const dueAt = outsideQuietHours(afterDelay, timing);
  return { dueAt, quiet: dueAt.getTime() !== afterDelay.getTime() };
}

/** The local day whose cap a share sent at `instant` counts against. */
export function capDayOf(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone);
}

/** Over the cap: the share waits for the next local day's first moment outside the quiet hours. */
export function nextCapDayStart(instant: Date, timing: Pick<AutoTiming, 'quiet' | 'timeZone'>): Date {
  const tomorrow = shiftDate(localDate(instant, timing.timeZone), 1);
  return outsideQuietHours(zonedInstant(tomorrow, '00:00', timing.timeZone), timing);
}

/** Whether the conversation's start is too far behind for its share to mean anything now. */
export function isStale(triggeredAt: Date, now: Date): boolean {
  return now.getTime() - triggeredAt.getTime() > STALE_AFTER_MS;
}
