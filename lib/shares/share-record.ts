import 'server-only';
import type { ShareOutcome } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { endReservationSql, type ShareEnd } from '@/lib/shares/reservation';

// How a share attempt's record ends. Each ending is one statement: the event's outcome, the
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
 * Earlier attempts on the chat that a settled one leaves behind: a failure is superseded by any
 * later settled attempt (a retry that shared, failed again, or was refused), an unknown outcome by a
 * later one that reached Linq. Figures then count each chat by its latest outcome.
 */
const SUPERSEDES: Record<SettledOutcome, string[]> = {
  REFUSED: ['FAILED'],
  FAILED: ['FAILED', 'UNKNOWN'],
  UNKNOWN: ['FAILED', 'UNKNOWN'],
  SUCCEEDED: ['FAILED', 'UNKNOWN'],
};

/**
 * One statement: the reservation's end (when the attempt held it), the event's outcome (only an
 * open attempt: a slice that settled it after its lease lapsed has the last word) and the earlier
 * attempts it supersedes. $1 the chat, $2 the event. A statement is atomic, and one round trip
 * instead of a transaction's five keeps a run's shares from queuing on the database.
 */
function settleSql(reservation: ShareEnd | null): string {
  return `
    WITH ${reservation ? `ended AS (${endReservationSql(reservation)} RETURNING "lastSucceededAt"),` : ''}
    finished AS (
      UPDATE "ShareEvent"
         SET "outcome" = $3::"ShareOutcome", "completedAt" = $4::timestamp, "message" = $5::text, "reason" = $6::text,
             "linqCode" = $7::int, "httpStatus" = $8::int, "traceId" = $9::text, "latencyMs" = $10::int, "docUrl" = $11::text
       WHERE "id" = $2 AND "outcome" = 'PENDING'
       RETURNING 1
    ), superseded AS (
      UPDATE "ShareEvent" SET "supersededById" = $2, "supersededAt" = ${NOW}
       WHERE "chatId" = $1 AND "id" <> $2 AND "supersededAt" IS NULL AND "outcome"::text = ANY($12::text[])
         AND ("createdAt", "id") < (SELECT "createdAt", "id" FROM "ShareEvent" WHERE "id" = $2)
       RETURNING 1
    )
    SELECT ${reservation ? '(SELECT "lastSucceededAt" FROM ended)' : 'NULL::timestamp'} AS "lastSucceededAt"`;
}

async function settle(chatId: string, eventId: string, end: EventEnd, reservation: ShareEnd | null): Promise<Date | null> {
  const [row] = await db.$queryRawUnsafe<Array<{ lastSucceededAt: Date | null }>>(
    settleSql(reservation),
    chatId,
    eventId,
    end.outcome,
    new Date(),
    end.message ?? null,
    end.reason ?? null,
    end.linqCode ?? null,
    end.httpStatus ?? null,
    end.traceId ?? null,
    end.latencyMs ?? null,
    end.docUrl ?? null,
    SUPERSEDES[end.outcome],
  );
  return row?.lastSucceededAt ?? null;
}

/** Ends an attempt that never held the chat's reservation (refused, or failed before it). */
export async function settleEvent(chatId: string, eventId: string, end: EventEnd): Promise<void> {
  await settle(chatId, eventId, end, null);
}

/**
 * Ends an attempt that held the reservation: frees it as the share ended (shared, failed, or
 * uncertain: held as if shared) and records the event, together. Returns the chat's last share
 * time after it.
 */
export function settleReservedShare(chatId: string, eventId: string, shareEnd: ShareEnd, end: EventEnd): Promise<Date | null> {
  return settle(chatId, eventId, end, shareEnd);
}
