import 'server-only';
import type { SendOptions } from 'pg-boss';
import { getBoss } from '@/lib/jobs/boss';
import type { QueueName } from '@/lib/jobs/queues';

/** Queues a job. Null when the queue's policy already holds an equal one waiting (nothing lost). */
export async function sendJob(queue: QueueName, data: object, options: SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(queue, data, options);
}
