import 'server-only';
import { db } from '@/lib/db';
import { queueRunSlice } from '@/lib/queue/send';

/** A running run that has not moved for this long has lost its job. */
const STALLED_AFTER_MS = 3 * 60_000;

/**
 * Runs whose job was lost (its retries spent, or a queue emptied by hand) and that have not moved
 * for a while are queued again (called by the tick); the queue keeps one waiting slice per run, so
 * asking twice (a run only waiting for its retries) is harmless.
 */
export async function reviveStalledRuns(now: Date): Promise<string | undefined> {
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
