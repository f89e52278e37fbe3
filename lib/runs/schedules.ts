import 'server-only';
import type { Prisma, ShareSchedule } from '@/generated/prisma/client';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { insertRun, queueRunSlice } from '@/lib/runs/runs';
import { describeOccurrence, nextScheduledRun, type ScheduleTiming } from '@/lib/runs/schedule-time';
import { planRun, type RunScope } from '@/lib/runs/selection';
import { currentZoneName } from '@/lib/time-zone-names';
import type { ScheduleForm } from '@/lib/validations/schedule';

/** A number without a schedule yet: off, 09:00, every eligible chat (the form offers the viewer's zone). */
export const DEFAULT_SCHEDULE = { enabled: false, timeOfDay: '09:00', timeZone: 'UTC', onlyRepliedChats: false } as const;

export type ScheduleSettings = Pick<ShareSchedule, 'enabled' | 'timeOfDay' | 'timeZone' | 'onlyRepliedChats'>;

/** Why a day's turn made no run. */
export type DayNote = 'nothing_to_share' | 'line_flagged';

export interface SavedSchedule extends ScheduleSettings {
  /** Whether it was ever saved (else the defaults, and the viewer's zone is offered). */
  saved: boolean;
  lastRunDate: string | null;
  lastRunAt: Date | null;
  lastRunId: string | null;
  lastRunNote: DayNote | null;
  savedAt: Date | null;
  /** Who set it up: its runs are theirs. */
  owner: { name: string; canShare: boolean } | null;
}

export async function getSchedule(phoneNumber: string): Promise<SavedSchedule> {
  const schedule = await db.shareSchedule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
  if (!schedule) return { ...DEFAULT_SCHEDULE, saved: false, lastRunDate: null, lastRunAt: null, lastRunId: null, lastRunNote: null, savedAt: null, owner: null };
  const { updatedBy, ...rest } = schedule;
  return {
    ...rest,
    // A zone saved under a name the runtime has since renamed reads as the current name.
    timeZone: currentZoneName(rest.timeZone),
    saved: true,
    lastRunNote: rest.lastRunNote as DayNote | null,
    owner: { name: updatedBy.name, canShare: ownerCanShare(updatedBy) },
  };
}

export function scheduleScope(phoneNumber: string, settings: Pick<ScheduleSettings, 'onlyRepliedChats'>): RunScope {
  return { kind: 'schedule', phoneNumber, onlyRepliedChats: settings.onlyRepliedChats };
}

export interface SchedulePreview {
  /** "tomorrow 09:00 America/New_York": exactly when the tick will make the next run. */
  nextRun: string;
  nextRunAt: Date;
  /** The next run is due: the tick makes it within the minute. */
  due: boolean;
  /** The chats that would be shared if it ran now. */
  chats: number;
  /** The line is flagged by Linq: the day's turn makes no run while it is. */
  lineFlagged: boolean;
}

/** The preview of what is saved, from the same function the tick decides with (nextScheduledRun). */
export async function previewSchedule(phoneNumber: string, schedule: SavedSchedule, now = new Date()): Promise<SchedulePreview> {
  const next = nextScheduledRun(timingOf(schedule), now);
  const [plan, line] = await Promise.all([
    planRun(scheduleScope(phoneNumber, schedule), cooldownCutoff(now, getSettings().shareCooldownMs)),
    db.sendingLine.findUnique({ where: { phoneNumber }, select: { status: true } }),
  ]);
  return {
    nextRun: describeOccurrence(next, schedule.timeOfDay, schedule.timeZone, now),
    nextRunAt: next.at,
    due: next.at <= now,
    chats: plan.toShare,
    lineFlagged: line?.status === 'FLAGGED',
  };
}

/**
 * What the next run is decided from. The gap between runs counts from the last run made: a day that
 * made none (nothing to share, a flagged line) shared nothing to keep a distance from.
 */
function timingOf(schedule: Pick<ShareSchedule, 'timeOfDay' | 'timeZone' | 'lastRunDate' | 'lastRunAt' | 'lastRunId' | 'savedAt'>): ScheduleTiming {
  const { timeOfDay, timeZone, lastRunDate, lastRunAt, lastRunId, savedAt } = schedule;
  return { timeOfDay, timeZone, lastRunDate, lastRunAt: lastRunId ? lastRunAt : null, savedAt };
}

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

const settingsOf = (schedule: ScheduleSettings): ScheduleSettings => ({
  enabled: schedule.enabled,
  timeOfDay: schedule.timeOfDay,
  timeZone: schedule.timeZone,
  onlyRepliedChats: schedule.onlyRepliedChats,
});

/**
 * Saves a number's schedule (one of the account's own numbers) and records the change (who,
 * before, after). The saver becomes its owner; taking over one set up by someone who can no longer
 * share is recorded as such. A new time or zone starts from now: an occurrence already passed
 * does not run, as the preview says.
 */
export async function saveSchedule(form: ScheduleForm, actorId: string, now = new Date()): Promise<{ changed: boolean }> {
  const { phoneNumber, ...settings } = form;
  const line = await db.sendingLine.findUnique({ where: { phoneNumber }, select: { phoneNumber: true } });
  if (!line) throw new ScheduleError(`${phoneNumber} is not one of your Linq account’s numbers: refresh the page.`);
  return db.$transaction(async (tx) => {
    const before = await tx.shareSchedule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
    const beforeSettings = before && settingsOf({ ...before, timeZone: currentZoneName(before.timeZone) });
    const takingOver = Boolean(before && before.updatedById !== actorId && !ownerCanShare(before.updatedBy));
    const settingsChanged = !beforeSettings || JSON.stringify(beforeSettings) !== JSON.stringify(settings);
    if (!settingsChanged && !takingOver) return { changed: false };
    const timingChanged = !beforeSettings || beforeSettings.enabled !== settings.enabled || beforeSettings.timeOfDay !== settings.timeOfDay || beforeSettings.timeZone !== settings.timeZone;
    const savedAt = timingChanged ? now : before!.savedAt;
    await tx.shareSchedule.upsert({
      where: { phoneNumber },
      create: { phoneNumber, ...settings, savedAt, updatedById: actorId },
      update: { ...settings, savedAt, updatedById: actorId },
    });
    if (takingOver) {
      await tx.settingsChange.create({
        data: { kind: 'SCHEDULE_TAKEN_OVER', actorId, subject: phoneNumber, before: { ownerId: before!.updatedById, owner: before!.updatedBy.name }, after: { ownerId: actorId } },
      });
    }
    if (settingsChanged) {
      await tx.settingsChange.create({ data: { kind: 'SCHEDULE_CHANGED', actorId, subject: phoneNumber, before: beforeSettings ?? { ...DEFAULT_SCHEDULE }, after: settings } });
    }
    return { changed: true };
  });
}

type Due = ShareSchedule & { updatedBy: { name: string; role: 'ADMIN' | 'OPERATOR' | 'VIEWER'; disabled: boolean } };

/**
 * Takes a schedule's due day and makes its run, in one transaction: the day is claimed only if
 * the schedule is as it was read (no other tick, no save in between), so it runs once; a line
 * flagged by Linq, or nothing to share, records the day with its note instead of a run.
 */
async function takeDay(schedule: Due, date: string, now: Date): Promise<{ note: DayNote } | { runId: string } | null> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.shareSchedule.updateMany({
      where: { phoneNumber: schedule.phoneNumber, enabled: true, lastRunAt: schedule.lastRunAt, savedAt: schedule.savedAt, updatedById: schedule.updatedById },
      data: { lastRunDate: date, lastRunAt: now, lastRunId: null, lastRunNote: null },
    });
    if (claimed.count === 0) return null;
    const recordNote = async (note: DayNote) => {
      await tx.shareSchedule.update({ where: { phoneNumber: schedule.phoneNumber }, data: { lastRunNote: note } });
      return { note };
    };
    const line = await tx.sendingLine.findUnique({ where: { phoneNumber: schedule.phoneNumber }, select: { status: true } });
    if (line?.status === 'FLAGGED') return recordNote('line_flagged');
    const run = await insertRun(tx, {
      createdById: schedule.updatedById,
      source: 'SCHEDULED',
      scope: scheduleScope(schedule.phoneNumber, schedule),
      schedule: { phoneNumber: schedule.phoneNumber, date },
    }, now);
    if (!run) return null;
    if (run.total === run.skipped) {
      await deleteRun(tx, run.id);
      return recordNote('nothing_to_share');
    }
    await tx.shareSchedule.update({ where: { phoneNumber: schedule.phoneNumber }, data: { lastRunId: run.id } });
    return { runId: run.id };
  });
}

async function deleteRun(tx: Prisma.TransactionClient, runId: string): Promise<void> {
  await tx.shareRunItem.deleteMany({ where: { runId } });
  await tx.shareRun.delete({ where: { id: runId } });
}

/**
 * Makes the runs that are due (called every minute by the tick, on one instance at a time, and
 * safe on several). A schedule whose owner can no longer share makes nothing until someone takes
 * it over.
 */
export async function runDueSchedules(now = new Date()): Promise<string[]> {
  const schedules = await db.shareSchedule.findMany({ where: { enabled: true }, include: { updatedBy: { select: OWNER_SELECT } } });
  const done: string[] = [];
  for (const schedule of schedules) {
    const next = nextScheduledRun(timingOf({ ...schedule, timeZone: currentZoneName(schedule.timeZone) }), now);
    if (next.at > now) continue;
    if (!ownerCanShare(schedule.updatedBy)) {
      done.push(`${schedule.phoneNumber}: stopped, ${schedule.updatedBy.name} who set it up can no longer share`);
      continue;
    }
    const taken = await takeDay(schedule, next.date, now);
    if (!taken) continue;
    if ('runId' in taken) {
      await queueRunSlice(taken.runId);
      done.push(`${schedule.phoneNumber}: run ${taken.runId} for ${next.date}`);
    } else done.push(`${schedule.phoneNumber}: ${next.date}, ${taken.note === 'line_flagged' ? 'the line is flagged by Linq' : 'nothing to share'}`);
  }
  return done;
}

/** The latest changes to a number's schedule (and takeovers), for its card page. */
export function recentScheduleChanges(phoneNumber: string, take = 5) {
  return db.settingsChange.findMany({
    where: { kind: { in: ['SCHEDULE_CHANGED', 'SCHEDULE_TAKEN_OVER'] }, subject: phoneNumber },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    include: { actor: { select: { name: true } } },
  });
}
