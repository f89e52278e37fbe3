import 'server-only';
import { raiseAlert } from '@/lib/alerts/raise';
import { readRule } from '@/lib/alerts/store';
import { webhooksConnected } from '@/lib/chats/index-status';
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

/**
 * While webhooks are connected, no delivery for the rule's minutes alerts, once per silence (its
 * start names it): counted from the last delivery, or from the subscription when none came yet.
 */
export async function watchDeliverySilence(now: Date): Promise<string | undefined> {
  const rule = await readRule('WEBHOOKS_SILENT');
  if (!rule.enabled || rule.minutes === null || !(await webhooksConnected())) return undefined;
  const [last, subscription] = await Promise.all([
    db.webhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
    db.webhookSubscription.findFirst({ orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
  ]);
  const since = [last?.receivedAt, subscription?.createdAt].filter((at): at is Date => at !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
  if (!since || now.getTime() - since.getTime() < rule.minutes * 60_000) return undefined;
  const raised = await raiseAlert(
    {
      event: 'WEBHOOKS_SILENT',
      key: `webhooks-silent:${since.toISOString()}`,
      title: `No webhook delivery for ${rule.minutes} minutes`,
      detail: `${last ? `The last delivery arrived at ${since.toISOString().replace('T', ' ').slice(0, 16)} UTC.` : 'No delivery has arrived since webhooks were connected.'} Until deliveries resume, the chat index is fed by the full sync alone (it lags up to 30 minutes). Check the subscription in Settings → Webhooks, and Linq's status.`,
      link: '/settings/webhooks',
    },
    now,
  );
  return raised ? 'webhooks silent: alerted' : undefined;
}
