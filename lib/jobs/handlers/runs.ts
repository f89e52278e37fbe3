import 'server-only';
import { getSettings } from '@/lib/env';
import { getBackgroundLinq } from '@/lib/linq';
import { queueRunSlice } from '@/lib/queue/send';
import { jobSignal } from '@/lib/queue/stopping';
import type { QueueJob } from '@/lib/queue/work';
import { runSlice } from '@/lib/runs/process';

/**
 * A slice hands over to the next after this long, so other runs get their turn: an instance works
 * two slices at once and the next slice queues behind runs already waiting, so a run started while
 * two long ones go begins within about this long (it waited up to 2 minutes with a longer budget).
 */
const SLICE_BUDGET_MS = 30_000;

/** One slice of a share run; then the next slice, at once or when Linq's pause (or a retry) is due. */
export async function handleRunJob(job: QueueJob<'runs.share'>): Promise<string> {
  const { runId } = job.data;
  const outcome = await runSlice(runId, {
    linq: getBackgroundLinq(),
    signal: jobSignal(job.signal),
    budgetMs: SLICE_BUDGET_MS,
    concurrency: getSettings().shareRunConcurrency,
  });
  if (outcome.kind === 'continue') {
    // (Also when this console is stopping: the next slice is another instance's, at once.)
    await queueRunSlice(runId);
    return `Run ${runId}: continues.`;
  }
  if (outcome.kind === 'wait') {
    await queueRunSlice(runId, outcome.until);
    return `Run ${runId}: waits until ${outcome.until.toISOString()}.`;
  }
  const { run } = outcome;
  const state = run.status === 'PAUSED' && run.pausedReason === 'owner' ? 'paused, its owner can no longer share' : run.status.toLowerCase();
  return `Run ${runId}: ${state} (${run.shared} shared, ${run.refused} refused, ${run.failed} failed, ${run.unknown} unknown, ${run.skipped} skipped of ${run.total}).`;
}
