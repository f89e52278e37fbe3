import 'server-only';
import { getBackgroundLinq } from '@/lib/linq';
import { queueApply } from '@/lib/queue/send';
import { jobSignal } from '@/lib/queue/stopping';
import type { QueueJob } from '@/lib/queue/work';
import { ApplyPaused, applyWaitingDeliveries, hasWaitingDeliveries } from '@/lib/webhooks/apply';

const BUDGET_MS = 60_000;

/** Applies the webhook deliveries waiting; queues another job if some are left or Linq asked to wait. */
export async function handleApplyJob(job: QueueJob<'webhooks.apply'>): Promise<string | undefined> {
  try {
    const applied = await applyWaitingDeliveries(getBackgroundLinq(), BUDGET_MS, jobSignal(job.signal));
    if (await hasWaitingDeliveries()) await queueApply();
    return applied > 0 ? `${applied} webhook ${applied === 1 ? 'delivery' : 'deliveries'} applied.` : undefined;
  } catch (error) {
    if (!(error instanceof ApplyPaused)) throw error;
    await queueApply(error.until);
    return `Paused by Linq until ${error.until.toISOString()}.`;
  }
}
