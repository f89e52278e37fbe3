import 'server-only';
import { isSyncDue } from '@/lib/chats/sync/schedule';
import { requestSync } from '@/lib/chats/sync/request';
import { syncHistory } from '@/lib/chats/sync/runs';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { markInterruptedJobRuns } from '@/lib/jobs/record';
import { sendJob } from '@/lib/jobs/send';
import { queueRunSlice } from '@/lib/runs/runs';
import { runDueSchedules } from '@/lib/runs/schedule-tick';

/** A running sync that has not moved for this long has lost its job: it is queued again. */
const STALLED_AFTER_MS = 3 * 60_000;
const DAY = 86_400_000;

/** Starts the full sync when it is due, and revives one whose job was lost. */
async function scheduleSync(now: Date): Promise<string | undefined> {
  const { running, lastFinished } = await syncHistory();
  const history = { running: running !== null, lastFinishedAt: lastFinished?.finishedAt ?? null, lastFailed: lastFinished?.status === 'FAILED' };
  if (isSyncDue(history, now, getSettings().chatSyncIntervalMs)) {
    const { run } = await requestSync(lastFinished ? 'SCHEDULE' : 'STARTUP');
    return `started sync ${run.id}`;
  }
  if (running) {
    const lastMove = Math.max(running.progressAt.getTime(), running.pausedUntil?.getTime() ?? 0);
    if (now.getTime() - lastMove > STALLED_AFTER_MS) {
      await sendJob('chats.sync', { runId: running.id });
      return `revived sync ${running.id}`;
    }
  }
  return undefined;
}

/** Deliveries left waiting (their job was lost) are applied. */
async function reviveWebhooks(now: Date): Promise<string | undefined> {
  const waiting = await db.webhookDelivery.count({ where: { status: 'RECEIVED', receivedAt: { lt: new Date(now.getTime() - 60_000) } } });
  if (waiting === 0) return undefined;
  await sendJob('webhooks.apply', {});
  return `${waiting} waiting webhook deliveries queued`;
}

/**
 * Runs whose job was lost (its retries spent, or a queue emptied by hand) and that have not moved
 * for a while are queued again; the queue keeps one waiting slice per run, so asking twice (a run
 * only waiting for its retries) is harmless.
 */
async function reviveRuns(now: Date): Promise<string | undefined> {
  const quietSince = new Date(now.getTime() - STALLED_AFTER_MS);
  // progressAt (the run's last outcome) rather than its items: one row per run to read, every minute.
  const stalled = await db.shareRun.findMany({
    where: {
      status: 'RUNNING',
      createdAt: { lt: quietSince },
      AND: [{ OR: [{ pausedUntil: null }, { pausedUntil: { lt: quietSince } }] }, { OR: [{ progressAt: null }, { progressAt: { lt: quietSince } }] }],
    },
    select: { id: true },
    take: 20,
  });
  for (const run of stalled) await queueRunSlice(run.id);
  return stalled.length > 0 ? `revived ${stalled.length} share runs` : undefined;
}

/** Daily re-shares that are due. */
async function scheduleShares(now: Date): Promise<string | undefined> {
  const made = await runDueSchedules(now);
  return made.length > 0 ? made.join('; ') : undefined;
}

/** Records kept long enough: webhook ids well beyond Linq's ~25 minutes of retries, job runs two weeks. */
async function prune(now: Date): Promise<string | undefined> {
  if (now.getUTCMinutes() !== 0) return undefined;
  const [deliveries, jobs] = await Promise.all([
    db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 7 * DAY) }, status: { not: 'RECEIVED' } } }),
    db.jobRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - 14 * DAY) } } }),
  ]);
  return deliveries.count + jobs.count > 0 ? `pruned ${deliveries.count} deliveries, ${jobs.count} job runs` : undefined;
}

/** Job runs cut off by a kill: recorded as interrupted. */
async function closeInterruptedJobs(now: Date): Promise<string | undefined> {
  const closed = await markInterruptedJobRuns(now);
  return closed > 0 ? `${closed} interrupted job runs recorded` : undefined;
}

/** Every minute, on one instance: what is due. */
export async function runTick(now = new Date()): Promise<string | undefined> {
  const done = [
    await scheduleSync(now),
    await reviveWebhooks(now),
    await scheduleShares(now),
    await reviveRuns(now),
    await closeInterruptedJobs(now),
    await prune(now),
  ].filter(Boolean);
  return done.length > 0 ? `${done.join('; ')}.` : undefined;
}
