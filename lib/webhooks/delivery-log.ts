import 'server-only';
import type { Prisma, WebhookDeliveryStatus } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { queueApplySoon } from '@/lib/queue/send';
import { maskedPayload, parseSubject } from '@/lib/webhooks/events';

// The delivery log (Settings → Webhooks → Delivery log, admins): every verified delivery kept,
// newest first, with what it was about and what applying it changed. Refused deliveries are not
// stored (nothing unverified reaches the database), only counted per day.

export const LOG_PAGE_SIZE = 50;

export interface DeliveryLogFilter {
  eventType?: string;
  status?: WebhookDeliveryStatus;
  /** The last row of the previous page: "<receivedAt ISO>|<id>". */
  before?: string;
}

function cursorWhere(before: string | undefined): Prisma.WebhookDeliveryWhereInput {
  const [at, id] = before?.split('|') ?? [];
  const receivedAt = at ? new Date(at) : null;
  if (!receivedAt || Number.isNaN(receivedAt.getTime()) || !id) return {};
  return { OR: [{ receivedAt: { lt: receivedAt } }, { receivedAt, id: { lt: id } }] };
}

export async function readDeliveryLog(filter: DeliveryLogFilter) {
  const rows = await db.webhookDelivery.findMany({
    where: {
      ...(filter.eventType && { eventType: filter.eventType }),
      ...(filter.status && { status: filter.status }),
      ...cursorWhere(filter.before),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: LOG_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, LOG_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({
      id: row.id,
      receivedAt: row.receivedAt.toISOString(),
      eventType: row.eventType,
      subject: parseSubject(row.subject),
      status: row.status,
      /** From arrival to applied. */
      waitedMs: row.appliedAt ? Math.max(0, row.appliedAt.getTime() - row.receivedAt.getTime()) : null,
      applyMs: row.applyMs,
      change: row.change,
      note: row.error,
      payload: maskedPayload(row.payload),
    })),
    next: rows.length > LOG_PAGE_SIZE && last ? `${last.receivedAt.toISOString()}|${last.id}` : null,
  };
}

/** Refused deliveries per UTC day, for the days the log keeps. */
export async function readRefusals(days: number) {
  const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.webhookDay.findMany({ where: { day: { gte: since }, refusals: { gt: 0 } }, orderBy: { day: 'desc' } });
  return rows.map((row) => ({ day: row.day, refusals: row.refusals, lastReason: row.lastRefusalReason }));
}

/**
 * Applies a failed delivery again (applying is idempotent: a message recorded twice is recorded
 * once). Returns false when it is not (or no longer) failed.
 */
export async function applyAgain(deliveryId: string): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: 'FAILED' },
    data: { status: 'RECEIVED', error: null, change: null, appliedAt: null, applyMs: null },
  });
  if (count > 0) queueApplySoon();
  return count > 0;
}
