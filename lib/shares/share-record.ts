import 'server-only';
import type { Prisma, ShareOutcome } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { completeShareQuery, type ShareEnd } from '@/lib/shares/reservation';

// How a share attempt's record ends. Each ending is one transaction: the event's outcome, the
// chat's reservation and cooldown, and the earlier attempts it supersedes move together, so a
// console killed at any moment leaves either the attempt open (PENDING, settled later from the
// reservation) or everything written, never half.

export type SettledOutcome = Exclude<ShareOutcome, 'PENDING'>;

export interface EventEnd {
  outcome: SettledOutcome;
  /** Staff-facing sentence. */
  message?: string | null;
  /** Short code for reports: cooldown, no_card, linq_3006, http_503, interrupted… */
  reason?: string | null;
  linqCode?: number | null;
  httpStatus?: number | null;
  traceId?: string | null;
  latencyMs?: number | null;
  docUrl?: string | null;
}

// Timestamps are stored as UTC without a zone, as Prisma writes them.
const NOW = "(now() AT TIME ZONE 'UTC')";

/**
 * Earlier attempts on the chat that this settled one leaves behind: a failure is superseded by any
 * later settled attempt (a retry that shared, failed again, or was refused), an unknown outcome by a
 * later one that reached Linq. Figures then count each chat by its latest outcome.
 */
function supersedeEarlier(chatId: string, eventId: string, outcome: SettledOutcome): Prisma.PrismaPromise<number> {
  const superseded = outcome === 'REFUSED' ? ['FAILED'] : ['FAILED', 'UNKNOWN'];
  return db.$executeRawUnsafe(
    `UPDATE "ShareEvent" SET "supersededById" = $2, "supersededAt" = ${NOW}
      WHERE "chatId" = $1 AND "id" <> $2 AND "supersededAt" IS NULL AND "outcome"::text = ANY($3::text[])
        AND ("createdAt", "id") < (SELECT "createdAt", "id" FROM "ShareEvent" WHERE "id" = $2)`,
    chatId,
    eventId,
    superseded,
  );
}

function finishEvent(chatId: string, eventId: string, end: EventEnd): [Prisma.PrismaPromise<unknown>, Prisma.PrismaPromise<number>] {
  // Only an open attempt: a slice that settled it after its lease lapsed has the last word.
  return [
    db.shareEvent.updateMany({ where: { id: eventId, outcome: 'PENDING' }, data: { completedAt: new Date(), ...end } }),
    supersedeEarlier(chatId, eventId, end.outcome),
  ];
}

/** Ends an attempt that never held the chat's reservation (refused, or failed before it). */
export async function settleEvent(chatId: string, eventId: string, end: EventEnd): Promise<void> {
  await db.$transaction(finishEvent(chatId, eventId, end));
}

/**
 * Ends an attempt that held the reservation: frees it as the share ended (shared, failed, or
 * uncertain: held as if shared) and records the event, in one transaction. Returns the chat's last
 * share time after it.
 */
export async function settleReservedShare(chatId: string, eventId: string, shareEnd: ShareEnd, end: EventEnd): Promise<Date | null> {
  const [rows] = await db.$transaction([completeShareQuery(chatId, eventId, shareEnd), ...finishEvent(chatId, eventId, end)]);
  return rows[0]?.lastSucceededAt ?? null;
}
