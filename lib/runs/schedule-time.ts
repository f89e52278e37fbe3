// When a daily re-share runs. Pure (the zone maths is lib/time-zone.ts), so the scheduler can be
// tested with any clock, across zones and daylight-saving changes.
import { localDate, shiftDate, zonedInstant } from '@/lib/time-zone';

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

/** The occurrence on the local day after `occurrence`'s. */
function followingOccurrence(occurrence: Occurrence, time: string, timeZone: string): Occurrence {
  const date = shiftDate(occurrence.date, 1);
  return { date, at: zonedInstant(date, time, timeZone) };
}

/**
 * Two runs of one schedule are at least this far apart, whatever happens to its zone. A local day
 * is 23 hours on the night clocks go forward, and a run starts up to a minute or so after its time
 * (the tick), so a daily time keeps its place all year with an hour to spare.
 */
export const MIN_RUN_GAP_MS = 22 * 3_600_000;

export interface ScheduleTiming {
  timeOfDay: string;
  timeZone: string;
  /** The local day whose turn was last taken (in the zone of that moment). */
  lastRunDate: string | null;
  /** When the last run was made (null when no run was made). */
  lastRunAt: Date | null;
  /** When the settings were last saved: an occurrence at or before it never runs. */
  savedAt: Date | null;
}

function allowed(occurrence: Occurrence, schedule: ScheduleTiming): boolean {
  if (schedule.savedAt && occurrence.at <= schedule.savedAt) return false;
  if (schedule.lastRunDate && schedule.lastRunDate >= occurrence.date) return false;
  if (!schedule.lastRunAt) return true;
  return localDate(schedule.lastRunAt, schedule.timeZone) < occurrence.date && occurrence.at.getTime() - schedule.lastRunAt.getTime() >= MIN_RUN_GAP_MS;
}

/**
 * When a schedule runs next: the latest occurrence not after now, or the first one after it,
 * that comes after the settings were saved, on a local day after the last run's, and at least
 * MIN_RUN_GAP_MS after it. At most once per local day, whatever the number of instances or
 * changes; a console down for days runs once, for the latest day. Due when `at` is not after now.
 * The page's preview and the tick decide with this one function.
 */
export function nextScheduledRun(schedule: ScheduleTiming, now: Date): Occurrence {
  let occurrence = latestOccurrence(schedule.timeOfDay, schedule.timeZone, now);
  // The gap and the day rule can push a run two days on at most.
  for (let day = 0; day < 4 && !allowed(occurrence, schedule); day++) occurrence = followingOccurrence(occurrence, schedule.timeOfDay, schedule.timeZone);
  return occurrence;
}

/** "tomorrow 09:00 America/New_York", "today 18:30 Europe/Paris", or the date. */
export function describeOccurrence(occurrence: Occurrence, time: string, timeZone: string, now: Date): string {
  const today = localDate(now, timeZone);
  const day = occurrence.date === today ? 'today' : occurrence.date === shiftDate(today, 1) ? 'tomorrow' : occurrence.date;
  return `${day} ${time} ${timeZone}`;
}
