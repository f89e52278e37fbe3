import 'server-only';
import { isSyncDue } from '@/lib/chats/sync/schedule';
import { requestSync } from '@/lib/chats/sync/request';
import { syncHistory } from '@/lib/chats/sync/runs';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { sendJob } from '@/lib/jobs/send';

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

/** Records kept long enough: webhook ids well beyond Linq's ~25 minutes of retries, job runs two weeks. */
async function prune(now: Date): Promise<string | undefined> {
  if (now.getUTCMinutes() !== 0) return undefined;
  const [deliveries, jobs] = await Promise.all([
    db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 7 * DAY) }, status: { not: 'RECEIVED' } } }),
    db.jobRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - 14 * DAY) } } }),
  ]);
  return deliveries.count + jobs.count > 0 ? `pruned ${deliveries.count} deliveries, ${jobs.count} job runs` : undefined;
}

/** Every minute, on one instance: what is due. */
export async function runTick(now = new Date()): Promise<string | undefined> {
  const done = [await scheduleSync(now), await reviveWebhooks(now), await prune(now)].filter(Boolean);
  return done.length > 0 ? `${done.join('; ')}.` : undefined;
}
