import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AlertChannelKind } from '@/generated/prisma/enums';
import { ChannelError, deliver } from '@/lib/alerts/channels';
import { CHANNEL_LABELS, composeMessage, MAX_ATTEMPTS, retryDelayMs } from '@/lib/alerts/events';
import { channelTarget, recordChannelResult } from '@/lib/alerts/store';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import { queueAlertSend } from '@/lib/queue/send';

const log = logger('alerts');

/** At most this many alerts in one message; more wait for the next. */
const PER_MESSAGE = 50;

function describe(error: unknown): string {
  return error instanceof ChannelError ? error.message : 'The channel failed unexpectedly; the console’s log has the details.';
}

/**
 * Sends what waits on one channel as one message, and records the outcome on each delivery and on
 * the channel. A failed attempt is tried again later (30 s, then doubling up to 8 minutes), and
 * given up after MAX_ATTEMPTS. Alerts of a channel turned off meanwhile are not sent.
 */
async function sendChannel(channel: AlertChannelKind, now: Date): Promise<string | undefined> {
  const waiting = await db.alertDelivery.findMany({
    where: { channel, state: 'PENDING', nextAttemptAt: { lte: now } },
    include: { alert: true },
    orderBy: { alert: { createdAt: 'asc' } },
    take: PER_MESSAGE,
  });
  if (waiting.length === 0) return undefined;
  const ids = { channel, alertId: { in: waiting.map((d) => d.alertId) } };
  const target = await channelTarget(channel);
  if (!target) {
    await db.alertDelivery.updateMany({
      where: ids,
      data: { state: 'FAILED', lastError: `The ${CHANNEL_LABELS[channel].toLowerCase()} channel was turned off or removed before it was sent.` },
    });
    return `${waiting.length} ${channel} alerts dropped (channel off)`;
  }
  const message = composeMessage(
    waiting.map((d) => d.alert),
    getSettings().publicBaseUrl,
  );
  const attempts = Math.max(...waiting.map((d) => d.attempts)) + 1;
  try {
    await deliver(target, message, `<alerts-${waiting[0]!.alertId}-${waiting.length}-${channel.toLowerCase()}@linq-console>`);
  } catch (error) {
    const reason = describe(error);
    if (!(error instanceof ChannelError)) log.error({ err: error, channel }, 'alert channel failed unexpectedly');
    const givenUp = attempts >= MAX_ATTEMPTS;
    await db.alertDelivery.updateMany({
      where: ids,
      data: {
        attempts: { increment: 1 },
        lastError: reason,
        ...(givenUp ? { state: 'FAILED' } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      },
    });
    await recordChannelResult(channel, now, reason);
    metrics().alertMessages.inc({ channel, outcome: 'failed' });
    log.warn({ channel, alerts: waiting.length, attempts, givenUp, reason }, 'alert message not sent');
    return `${channel}: ${waiting.length} alerts not sent (${reason})`;
  }
  await db.alertDelivery.updateMany({ where: ids, data: { state: 'SENT', sentAt: now, attempts: { increment: 1 }, lastError: null } });
  await recordChannelResult(channel, now, null);
  metrics().alertMessages.inc({ channel, outcome: 'sent' });
  return `${channel}: ${waiting.length} alerts sent in one message`;
}

/** The alerts.send job: every channel's waiting alerts, each channel as one message. */
export async function sendWaitingAlerts(now = new Date()): Promise<string | undefined> {
  const done = [await sendChannel('EMAIL', now), await sendChannel('SLACK', now)].filter(Boolean);
  // More than one message's worth waited: the rest go at once.
  const more = await db.alertDelivery.findFirst({ where: { state: 'PENDING', nextAttemptAt: { lte: now } }, select: { alertId: true } });
  if (more) await queueAlertSend();
  return done.length > 0 ? done.join('; ') : undefined;
}

/** From the tick: deliveries whose time has come (a retry, or a send lost to a kill) are sent. */
export async function reviveAlerts(now: Date): Promise<string | undefined> {
  const due = await db.alertDelivery.count({ where: { state: 'PENDING', nextAttemptAt: { lte: new Date(now.getTime() - 5_000) } } });
  if (due === 0) return undefined;
  await queueAlertSend();
  return `${due} alert deliveries due: sending`;
}

type TestOutcome = { ok: true } | { ok: false; error: string };

/**
 * "Send a test alert": through one channel, at once (even one that is off, to try it before
 * turning it on), recorded in History and on the channel like any alert; never retried.
 */
export async function sendTestAlert(channel: AlertChannelKind, actorName: string, now = new Date()): Promise<TestOutcome> {
  const target = await channelTarget(channel, { evenIfOff: true });
  if (!target) return { ok: false, error: `Save the ${CHANNEL_LABELS[channel].toLowerCase()} channel first.` };
  const alert = await db.alert.create({
    data: {
      event: 'TEST',
      key: `test:${randomUUID()}`,
      title: `Test alert (${CHANNEL_LABELS[channel]})`,
      detail: `Sent by ${actorName} from Settings → Alerts. If you can read this, alerts reach you here.`,
      link: '/settings/alerts',
      createdAt: now,
      deliveries: { create: { channel, attempts: 1, nextAttemptAt: now } },
    },
  });
  let error: string | null = null;
  try {
    await deliver(target, composeMessage([alert], getSettings().publicBaseUrl), `<alert-${alert.id}@linq-console>`);
  } catch (caught) {
    error = describe(caught);
    if (!(caught instanceof ChannelError)) log.error({ err: caught, channel }, 'test alert failed unexpectedly');
  }
  await db.alertDelivery.update({
    where: { alertId_channel: { alertId: alert.id, channel } },
    data: error === null ? { state: 'SENT', sentAt: now } : { state: 'FAILED', lastError: error },
  });
  await recordChannelResult(channel, now, error);
  metrics().alertMessages.inc({ channel, outcome: error === null ? 'sent' : 'failed' });
  return error === null ? { ok: true } : { ok: false, error };
}
