import 'server-only';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { queueApply } from '@/lib/queue/send';

const DAY = 86_400_000;

/** Deliveries left waiting (their job was lost) are applied (called by the tick). */
export async function reviveWaitingDeliveries(now: Date): Promise<string | undefined> {
  const waiting = await db.webhookDelivery.count({ where: { status: 'RECEIVED', receivedAt: { lt: new Date(now.getTime() - 60_000) } } });
  if (waiting === 0) return undefined;
  await queueApply();
  return `${waiting} waiting webhook deliveries queued`;
}

/**
 * Deliveries are kept WEBHOOK_RETENTION_DAYS (the delivery log; a week by default), well beyond
 * Linq's ~25 minutes of retries, so that a repeat is recognised. Waiting ones are never dropped.
 */
export async function pruneDeliveries(now: Date): Promise<number> {
  const keptFrom = new Date(now.getTime() - getSettings().webhookRetentionDays * DAY);
  const pruned = await db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: keptFrom }, status: { not: 'RECEIVED' } } });
  return pruned.count;
}
