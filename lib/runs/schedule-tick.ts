import 'server-only';
import type { Prisma, ShareSchedule } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { queueRunSlice } from '@/lib/queue/send';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { insertRun } from '@/lib/runs/runs';
import { nextScheduledRun } from '@/lib/runs/schedule-time';
import { scheduleScope, timingOf, type DayNote } from '@/lib/runs/schedules';
import { currentZoneName } from '@/lib/time-zone-names';

// The daily re-shares' side of the every-minute tick: each schedule whose next run (the same
// function as its page's preview) is due takes its day and makes its run.

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
    const run = await insertRun(
      tx,
      {
        createdById: schedule.updatedById,
        // The tick checked that its owner still has this number.
        numbers: [schedule.phoneNumber],
        source: 'SCHEDULED',
        scope: scheduleScope(schedule.phoneNumber, schedule),
        schedule: { phoneNumber: schedule.phoneNumber, date },
      },
      now,
    );
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
    if (!ownerCanShare(schedule.updatedBy, [schedule.phoneNumber])) {
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
