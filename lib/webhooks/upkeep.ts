import 'server-only';
import { db } from '@/lib/db';
import { queueApply } from '@/lib/queue/send';

const DAY = 86_400_000;

/** Deliveries left waiting (their job was lost) are applied (called by the tick). */
export async function reviveWaitingDeliveries(now: Date): Promise<string | undefined> {
  const waiting = await db.webhookDelivery.count({ where: { status: 'RECEIVED', receivedAt: { lt: new Date(now.getTime() - 60_000) } } });
  if (waiting === 0) return undefined;
  await queueApply();
  return `${waiting} waiting webhook deliveries queued`;
}

/** Delivery ids are kept well beyond Linq's ~25 minutes of retries, so that a repeat is recognised: a week. */
export async function pruneDeliveries(now: Date): Promise<number> {
  const pruned = await db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 7 * DAY) }, status: { not: 'RECEIVED' } } });
  return pruned.count;
}
