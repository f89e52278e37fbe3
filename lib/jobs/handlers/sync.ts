import 'server-only';
import { abandonSyncRun, recordSyncResume, runSyncSlice } from '@/lib/chats/sync/slice';
import { getSettings } from '@/lib/env';
import { getBackgroundLinq } from '@/lib/linq';
import { queueSyncSlice } from '@/lib/queue/send';
import { jobSignal } from '@/lib/queue/stopping';
import type { QueueJob } from '@/lib/queue/work';

/** A slice stops after this long and queues the next, so no job holds a worker for hours. */
const SLICE_BUDGET_MS = 4 * 60_000;

/** One slice of a full sync: run it, then queue the next slice (at once, or when Linq's pause ends). */
export async function handleSyncJob(job: QueueJob<'chats.sync'>): Promise<string> {
  const { runId } = job.data;
  if (job.retryCount > 0) await recordSyncResume(runId);
  try {
    const outcome = await runSyncSlice(runId, {
      linq: getBackgroundLinq(),
      signal: jobSignal(job.signal),
      budgetMs: SLICE_BUDGET_MS,
      // The embedded database is one session: fewer reads at once keep pages responsive.
      readConcurrency: getSettings().database.kind === 'embedded' ? 4 : 8,
    });
    const { run } = outcome;
    if (outcome.kind === 'continue') await queueSyncSlice(runId);
    if (outcome.kind === 'paused') await queueSyncSlice(runId, outcome.until);
    const counts = `${run.chatsSeen} chats listed, ${run.messagesRead} read`;
    if (outcome.kind === 'paused') return `Sync ${runId}: paused by Linq until ${outcome.until.toISOString()} (${counts}).`;
    if (outcome.kind === 'continue') return `Sync ${runId}: ${run.phase}, continues (${counts}).`;
    return `Sync ${runId}: ${run.status.toLowerCase()} (${counts}, ${run.chatsGone} gone, ${run.errors} errors).`;
  } catch (error) {
    if (job.retryCount >= job.retryLimit) {
      await abandonSyncRun(runId, `The sync stopped after ${job.retryCount + 1} attempts: ${error instanceof Error ? error.message : String(error)}`);
    }
    throw error;
  }
}
