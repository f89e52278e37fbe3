import 'server-only';
import type { SendOptions } from 'pg-boss';
import { getBoss } from '@/lib/jobs/boss';
import type { QueueName } from '@/lib/jobs/queues';

/** Queues a job. Null when the queue's policy already holds an equal one waiting (nothing lost). */
export async function sendJob(queue: QueueName, data: object, options: SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(queue, data, options);
}

const globalForSoon = globalThis as unknown as { soon?: Map<QueueName, NodeJS.Timeout> };

/**
 * Queues a job shortly, once for however many callers ask meanwhile, without making them wait: for
 * work that reads its input from the database (webhook deliveries waiting). A send lost to a crash
 * is made good by the every-minute tick.
 */
export function sendSoon(queue: QueueName, delayMs = 100): void {
  const pending = (globalForSoon.soon ??= new Map());
  if (pending.has(queue)) return;
  const timer = setTimeout(() => {
    pending.delete(queue);
    sendJob(queue, {}).catch((error: unknown) => console.error(`[jobs] could not queue ${queue}:`, error));
  }, delayMs);
  timer.unref();
  pending.set(queue, timer);
}
