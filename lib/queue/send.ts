import 'server-only';
import type { SendOptions } from 'pg-boss';
import { logger } from '@/lib/observability/log';
import { currentRequestId } from '@/lib/observability/request-context';
import { getBoss } from '@/lib/queue/boss';
import type { JobPayloads, QueueName } from '@/lib/queue/queues';
import { nudgeLocalWorker } from '@/lib/queue/work';

// The queue port: the one way the domains start background work. Each queue has one sender, typed
// by its payload; the job handlers (lib/jobs) sit above the domains and only decode and delegate.

/**
 * Queues a job, carrying the id of the request (or job) that queued it, so the job's log lines name
 * it too. Null when the queue's policy already holds an equal one waiting (nothing lost).
 */
async function sendJob<Q extends QueueName>(queue: Q, data: JobPayloads[Q], options: SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  const requestId = currentRequestId();
  return boss.send(queue, { ...data, ...(requestId && { requestId }) }, options);
}

/** The next slice of a full sync of the chat index (at once, or when Linq's pause ends). */
export function queueSyncSlice(runId: string, startAfter?: Date): Promise<string | null> {
  return sendJob('chats.sync', { runId }, startAfter ? { startAfter } : {});
}

/** A job applying the webhook deliveries waiting (at once, or when Linq's pause ends). */
export function queueApply(startAfter?: Date): Promise<string | null> {
  return sendJob('webhooks.apply', {}, startAfter ? { startAfter } : {});
}

/** A run's next slice: one at a time per run (the queue's stately policy, keyed by the run). */
export function queueRunSlice(runId: string, startAfter?: Date): Promise<string | null> {
  return sendJob('runs.share', { runId }, { singletonKey: runId, ...(startAfter && { startAfter }) });
}

/** A chat's automatic share, at its due time; one queued per chat (the queue's policy, keyed by the chat). */
export function queueAutoShare(chatId: string, dueAt: Date): Promise<string | null> {
  return sendJob('auto.share', { chatId }, { singletonKey: chatId, startAfter: dueAt });
}

/** Sends the waiting alerts at `startAfter`: alerts raised until then go in the same message. */
export function queueAlertSend(startAfter?: Date): Promise<string | null> {
  return sendJob('alerts.send', {}, startAfter ? { startAfter } : {});
}

/** A tick now (besides the every-minute schedule). */
export function queueTick(): Promise<string | null> {
  return sendJob('console.tick', {});
}

const globalForSoon = globalThis as unknown as { applySoon?: NodeJS.Timeout; applyQueuedAt?: number };

/** Under a steady stream of deliveries, the apply job is queued at most this often by one instance. */
const APPLY_QUEUED_AT_MOST_EVERY_MS = 100;

/**
 * Applies the waiting webhook deliveries shortly, once for however many deliveries arrive
 * meanwhile, without making the route wait. While deliveries keep coming the job is queued at
 * most every tenth of a second: a running job applies until none is waiting, so more sends would
 * only be refused by the queue, each a statement. A send lost to a crash is made good by the tick.
 */
export function queueApplySoon(delayMs = 20): void {
  if (globalForSoon.applySoon) return;
  const sinceLast = Date.now() - (globalForSoon.applyQueuedAt ?? 0);
  globalForSoon.applySoon = setTimeout(
    () => {
      globalForSoon.applySoon = undefined;
      globalForSoon.applyQueuedAt = Date.now();
      queueApply()
        .then(() => nudgeLocalWorker('webhooks.apply'))
        .catch((error: unknown) => logger('jobs').error({ err: error }, 'could not queue webhooks.apply'));
    },
    Math.max(delayMs, APPLY_QUEUED_AT_MOST_EVERY_MS - sinceLast),
  );
  globalForSoon.applySoon.unref();
}
