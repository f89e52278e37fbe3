import 'server-only';
import type { ShareSchedule } from '@/generated/prisma/client';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { isAccountNumber } from '@/lib/lines/store';
import { numberWhere, type NumberScope } from '@/lib/number-scope';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
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

export async function readSchedule(phoneNumber: string): Promise<SavedSchedule> {
  const schedule = await db.shareSchedule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
  if (!schedule)
    return { ...DEFAULT_SCHEDULE, saved: false, lastRunDate: null, lastRunAt: null, lastRunId: null, lastRunNote: null, savedAt: null, owner: null };
  const { updatedBy, ...rest } = schedule;
  return {
    ...rest,
    // A zone saved under a name the runtime has since renamed reads as the current name.
    timeZone: currentZoneName(rest.timeZone),
    saved: true,
    lastRunNote: rest.lastRunNote as DayNote | null,
    owner: { name: updatedBy.name, canShare: ownerCanShare(updatedBy, [phoneNumber]) },
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
    planRun(scheduleScope(phoneNumber, schedule), cooldownCutoff(now, getSettings().shareCooldownMs), [phoneNumber]),
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

/** The daily re-share of the scope's numbers that runs soonest, with its preview (the Overview's next step), or null. */
export async function soonestReshare(scope: NumberScope, now = new Date()): Promise<{ phoneNumber: string; preview: SchedulePreview } | null> {
  const enabled = await db.shareSchedule.findMany({
    where: { enabled: true, phoneNumber: numberWhere(scope) },
    select: { phoneNumber: true, timeOfDay: true, timeZone: true, lastRunDate: true, lastRunAt: true, lastRunId: true, savedAt: true },
  });
  const soonest = enabled
    .map((schedule) => ({ phoneNumber: schedule.phoneNumber, at: nextScheduledRun(timingOf(schedule), now).at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (!soonest) return null;
  return { phoneNumber: soonest.phoneNumber, preview: await previewSchedule(soonest.phoneNumber, await readSchedule(soonest.phoneNumber), now) };
}

/**
 * What the next run is decided from (the preview here and the tick in schedule-tick.ts). The gap between runs counts from the last run made: a day that
 * made none (nothing to share, a flagged line) shared nothing to keep a distance from.
 */
export function timingOf(schedule: Pick<ShareSchedule, 'timeOfDay' | 'timeZone' | 'lastRunDate' | 'lastRunAt' | 'lastRunId' | 'savedAt'>): ScheduleTiming {
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
  if (!(await isAccountNumber(phoneNumber))) throw new ScheduleError(`${phoneNumber} is not one of your Linq account’s numbers: refresh the page.`);
  return db.$transaction(async (tx) => {
    const before = await tx.shareSchedule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
    const beforeSettings = before && settingsOf({ ...before, timeZone: currentZoneName(before.timeZone) });
    const takingOver = Boolean(before && before.updatedById !== actorId && !ownerCanShare(before.updatedBy, [phoneNumber]));
    const settingsChanged = !beforeSettings || JSON.stringify(beforeSettings) !== JSON.stringify(settings);
    if (!settingsChanged && !takingOver) return { changed: false };
    const timingChanged =
      !beforeSettings ||
      beforeSettings.enabled !== settings.enabled ||
      beforeSettings.timeOfDay !== settings.timeOfDay ||
      beforeSettings.timeZone !== settings.timeZone;
    const savedAt = timingChanged ? now : before!.savedAt;
    await tx.shareSchedule.upsert({
      where: { phoneNumber },
      create: { phoneNumber, ...settings, savedAt, updatedById: actorId },
      update: { ...settings, savedAt, updatedById: actorId },
    });
    if (takingOver) {
      await tx.settingsChange.create({
        data: {
          kind: 'SCHEDULE_TAKEN_OVER',
          actorId,
          subject: phoneNumber,
          before: { ownerId: before!.updatedById, owner: before!.updatedBy.name },
          after: { ownerId: actorId },
        },
      });
    }
    if (settingsChanged) {
      await tx.settingsChange.create({
        data: { kind: 'SCHEDULE_CHANGED', actorId, subject: phoneNumber, before: beforeSettings ?? { ...DEFAULT_SCHEDULE }, after: settings },
      });
    }
    return { changed: true };
  });
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
