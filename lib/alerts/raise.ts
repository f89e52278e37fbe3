import 'server-only';
import type { RuledEvent } from '@/lib/alerts/events';
import { enabledChannels, readRule } from '@/lib/alerts/store';
import { db } from '@/lib/db';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import { queueAlertSend } from '@/lib/queue/send';

const log = logger('alerts');

/** Alerts raised within this window of the first go out in one message per channel. */
const GROUP_WINDOW_MS = 10_000;

interface RaisedAlert {
  event: RuledEvent;
  /** The occurrence, e.g. `run:<id>`: the same key never alerts twice. */
  key: string;
  title: string;
  detail: string;
  /** A path in the console. */
  link?: string;
}

/**
 * Records an alert once per occurrence (its key), with a delivery waiting for each channel that is
 * on, and queues their sending shortly. Nothing is recorded when the event's alert is off. An alert
 * with no channel on is still listed in History. True when this call recorded it.
 */
export async function raiseAlert(alert: RaisedAlert, now = new Date()): Promise<boolean> {
  if (!(await readRule(alert.event)).enabled) return false;
  const channels = await enabledChannels();
  const recorded = await db.$transaction(async (tx) => {
    const { count } = await tx.alert.createMany({
      data: [{ event: alert.event, key: alert.key, title: alert.title, detail: alert.detail, link: alert.link ?? null, createdAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    const { id } = await tx.alert.findUniqueOrThrow({ where: { key: alert.key }, select: { id: true } });
    await tx.alertDelivery.createMany({ data: channels.map((channel) => ({ alertId: id, channel, nextAttemptAt: now })) });
    return true;
  });
  if (!recorded) return false;
  metrics().alertsRaised.inc({ event: alert.event });
  log.warn({ event: alert.event, key: alert.key, channels }, `alert: ${alert.title}`);
  // Lost to a crash, the send is queued again by the tick (reviveAlerts).
  if (channels.length > 0)
    await queueAlertSend(new Date(now.getTime() + GROUP_WINDOW_MS)).catch((error: unknown) => log.error({ err: error }, 'could not queue alerts.send'));
  return true;
}
