import 'server-only';
import type { JobWithMetadata } from 'pg-boss';
import { withRequestId } from '@/lib/observability/request-context';
import { getBoss } from '@/lib/queue/boss';
import type { JobPayloads, QueueName } from '@/lib/queue/queues';

/**
 * A job of one queue, its payload typed by the queue (lib/queue/queues.ts), with the id of the
 * request or job that queued it, when there was one (lib/queue/send.ts).
 */
export type QueueJob<Q extends QueueName> = JobWithMetadata<JobPayloads[Q] & { requestId?: string }>;

/** Runs a job's handler as part of the request that queued it: its log lines, and the jobs it queues, carry that id. */
export function handleAsQueued<Q extends QueueName>(job: QueueJob<Q>, handle: (job: QueueJob<Q>) => Promise<unknown>): Promise<unknown> {
  // (A scheduled job's data is null: pg-boss's cron sends none.)
  const requestId = (job.data as { requestId?: string } | null)?.requestId;
  return requestId ? withRequestId(requestId, () => handle(job)) : handle(job);
}

interface QueueWorkOptions {
  /** How often an idle worker asks for a job. */
  pollingIntervalSeconds: number;
  /** Jobs of this queue this instance runs at once (default one). */
  localConcurrency?: number;
}

const globalForWorkers = globalThis as unknown as { localWorkers?: Map<QueueName, string> };

/** Runs a queue's jobs on this instance, one job per call of `handle`, typed by the queue's payload. */
export async function workQueue<Q extends QueueName>(queue: Q, options: QueueWorkOptions, handle: (job: QueueJob<Q>) => Promise<unknown>): Promise<void> {
  const boss = await getBoss();
  const workerId = await boss.work<JobPayloads[Q] & { requestId?: string }, unknown, QueueWorkOptions & { includeMetadata: true }>(
    queue,
    { ...options, includeMetadata: true },
    async ([job]) => handleAsQueued(job!, handle),
  );
  (globalForWorkers.localWorkers ??= new Map()).set(queue, workerId);
}

/**
 * Runs a queue's jobs a batch at a time, each on its own: all of a batch at once, one failing is
 * failed (and retried by the queue) alone. While batches come back full the worker fetches again at
 * once rather than waiting out its poll: a burst of due jobs is worked through at full speed.
 */
export async function workQueueEach<Q extends QueueName>(
  queue: Q,
  options: QueueWorkOptions & { batchSize: number },
  handle: (job: QueueJob<Q>) => Promise<unknown>,
): Promise<void> {
  const boss = await getBoss();
  const workerId = await boss.work<
    JobPayloads[Q] & { requestId?: string },
    unknown,
    QueueWorkOptions & { batchSize: number; includeMetadata: true; burstWhenBatchFull: true }
  >(queue, { ...options, includeMetadata: true, burstWhenBatchFull: true }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await handleAsQueued(job, handle);
        } catch (error) {
          // (recordJobRun logged the failure with the job's details.)
          await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
        }
      }),
    );
  });
  (globalForWorkers.localWorkers ??= new Map()).set(queue, workerId);
}

/**
 * Tells this instance's worker of a queue (if it runs one) that a job is waiting, so it asks now
 * rather than at its next poll: a webhook applied in milliseconds, not a second later.
 */
export async function nudgeLocalWorker(queue: QueueName): Promise<void> {
  const workerId = globalForWorkers.localWorkers?.get(queue);
  if (workerId) (await getBoss()).notifyWorker(workerId);
}
