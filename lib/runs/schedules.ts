import 'server-only';
import type { ShareSchedule } from '@/generated/prisma/client';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { createRun } from '@/lib/runs/runs';
import { describeOccurrence, dueRunDate, latestOccurrence, nextOccurrence } from '@/lib/runs/schedule-time';
import { planRun, type RunScope } from '@/lib/runs/selection';
import type { ScheduleForm } from '@/lib/validations/schedule';

/** A number without a schedule yet: off, 09:00 UTC, every eligible chat. */
export const DEFAULT_SCHEDULE = { enabled: false, timeOfDay: '09:00', timeZone: 'UTC', onlyRepliedChats: false } as const;

export type ScheduleSettings = Pick<ShareSchedule, 'enabled' | 'timeOfDay' | 'timeZone' | 'onlyRepliedChats'>;

export async function getSchedule(phoneNumber: string): Promise<ScheduleSettings & { lastRunDate: string | null }> {
  const schedule = await db.shareSchedule.findUnique({ where: { phoneNumber } });
  return schedule ?? { ...DEFAULT_SCHEDULE, lastRunDate: null };
}

export function scheduleScope(phoneNumber: string, settings: Pick<ScheduleSettings, 'onlyRepliedChats'>): RunScope {
  return { kind: 'schedule', phoneNumber, onlyRepliedChats: settings.onlyRepliedChats };
}

export interface SchedulePreview {
  /** "tomorrow 09:00 America/New_York" */
  nextRun: string;
  nextRunAt: Date;
  /** The chats that would be shared if it ran now. */
  chats: number;
  /** The line is flagged by Linq: the schedule does not run while it is. */
  lineFlagged: boolean;
}

export async function previewSchedule(phoneNumber: string, settings: ScheduleSettings, now = new Date()): Promise<SchedulePreview> {
  const next = nextOccurrence(settings.timeOfDay, settings.timeZone, now);
  const [plan, line] = await Promise.all([
    planRun(scheduleScope(phoneNumber, settings), cooldownCutoff(now, getSettings().shareCooldownMs)),
    db.sendingLine.findUnique({ where: { phoneNumber }, select: { status: true } }),
  ]);
  return { nextRun: describeOccurrence(next, settings.timeOfDay, settings.timeZone, now), nextRunAt: next.at, chats: plan.toShare, lineFlagged: line?.status === 'FLAGGED' };
}

/**
 * Saves a number's schedule and records the change (who, before, after). A time already passed
 * today does not run today: the first run is the next occurrence, as the preview says.
 */
export async function saveSchedule(form: ScheduleForm, actorId: string, now = new Date()): Promise<{ changed: boolean }> {
  const { phoneNumber, ...settings } = form;
  return db.$transaction(async (tx) => {
    const before = await tx.shareSchedule.findUnique({ where: { phoneNumber } });
    const beforeSettings = before && { enabled: before.enabled, timeOfDay: before.timeOfDay, timeZone: before.timeZone, onlyRepliedChats: before.onlyRepliedChats };
    if (beforeSettings && JSON.stringify(beforeSettings) === JSON.stringify(settings)) return { changed: false };
    const passed = latestOccurrence(settings.timeOfDay, settings.timeZone, now).date;
    const lastRunDate = before?.lastRunDate && before.lastRunDate > passed ? before.lastRunDate : passed;
    await tx.shareSchedule.upsert({
      where: { phoneNumber },
      create: { phoneNumber, ...settings, lastRunDate, updatedById: actorId },
      update: { ...settings, lastRunDate, updatedById: actorId },
    });
    await tx.settingsChange.create({
      data: { kind: 'SCHEDULE_CHANGED', actorId, subject: phoneNumber, before: beforeSettings ?? { ...DEFAULT_SCHEDULE }, after: settings },
    });
    return { changed: true };
  });
}

/**
 * Makes the runs that are due (called every minute, on one instance at a time, by the tick). A day
 * is claimed by moving lastRunDate forward in one conditional UPDATE, and the run is unique per number
 * and day, so however many instances or ticks ask, each day runs once; a console down for days
 * makes one run for the latest day, not one per day missed.
 */
export async function runDueSchedules(now = new Date()): Promise<string[]> {
  const schedules = await db.shareSchedule.findMany({ where: { enabled: true } });
  const done: string[] = [];
  for (const schedule of schedules) {
    const date = dueRunDate(schedule, now);
    if (!date) continue;
    const claimed = await db.shareSchedule.updateMany({
      where: { phoneNumber: schedule.phoneNumber, enabled: true, OR: [{ lastRunDate: null }, { lastRunDate: { lt: date } }] },
      data: { lastRunDate: date },
    });
    if (claimed.count === 0) continue;
    const line = await db.sendingLine.findUnique({ where: { phoneNumber: schedule.phoneNumber }, select: { status: true } });
    if (line?.status === 'FLAGGED') {
      done.push(`${schedule.phoneNumber}: skipped ${date}, the line is flagged by Linq`);
      continue;
    }
    const run = await createRun({
      createdById: schedule.updatedById,
      source: 'SCHEDULED',
      scope: scheduleScope(schedule.phoneNumber, schedule),
      schedule: { phoneNumber: schedule.phoneNumber, date },
    });
    if (run) done.push(`${schedule.phoneNumber}: run ${run.id} for ${date} (${run.total - run.skipped} chats)`);
  }
  return done;
}

/** The latest changes to a number's schedule, for its card page. */
export function recentScheduleChanges(phoneNumber: string, take = 5) {
  return db.settingsChange.findMany({
    where: { kind: 'SCHEDULE_CHANGED', subject: phoneNumber },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    include: { actor: { select: { name: true } } },
  });
}
