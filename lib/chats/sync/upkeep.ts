import 'server-only';
import { requestSync } from '@/lib/chats/sync/request';
import { syncHistory } from '@/lib/chats/sync/runs';
import { isSyncDue } from '@/lib/chats/sync/schedule';
import { getSettings } from '@/lib/env';
import { queueSyncSlice } from '@/lib/queue/send';

/** A running sync that has not moved for this long has lost its job: it is queued again. */
const STALLED_AFTER_MS = 3 * 60_000;

/** Starts the full sync when it is due, and revives one whose job was lost (called by the tick). */
export async function startOrReviveSync(now: Date): Promise<string | undefined> {
  const { running, lastFinished } = await syncHistory();
  const history = { running: running !== null, lastFinishedAt: lastFinished?.finishedAt ?? null, lastFailed: lastFinished?.status === 'FAILED' };
  if (isSyncDue(history, now, getSettings().chatSyncIntervalMs)) {
    const { run } = await requestSync(lastFinished ? 'SCHEDULE' : 'STARTUP');
    return `started sync ${run.id}`;
  }
  if (running) {
    const lastMove = Math.max(running.progressAt.getTime(), running.pausedUntil?.getTime() ?? 0);
    if (now.getTime() - lastMove > STALLED_AFTER_MS) {
      await queueSyncSlice(running.id);
      return `revived sync ${running.id}`;
    }
  }
  return undefined;
}
