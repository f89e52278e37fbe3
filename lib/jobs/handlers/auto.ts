import 'server-only';
import { runAutoShare } from '@/lib/auto/process';
import { getBackgroundLinq } from '@/lib/linq';
import type { QueueJob } from '@/lib/queue/work';

/**
 * One chat's automatic share at its due time. Quiet in Settings' job list (a share is recorded on
 * its own, as an AutoShare and a ShareEvent); a console error is thrown and the job retried.
 */
export async function handleAutoShareJob(job: QueueJob<'auto.share'>): Promise<undefined> {
  await runAutoShare(job.data.chatId, { linq: getBackgroundLinq() });
  return undefined;
}
