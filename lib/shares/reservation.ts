import 'server-only';
import { db } from '@/lib/db';

/** A reservation left by a request that died mid-share stops blocking the chat after this long. */
const ABANDONED_AFTER = "interval '2 minutes'";

export type Reservation =
  | { ok: true }
  | { ok: false; reason: 'cooling_down'; lastSucceededAt: Date }
  | { ok: false; reason: 'in_flight' };

// Times are the database's own (now() in UTC, as Prisma stores DateTime), so that several
// console instances with different clocks agree.
const NOW = "(now() AT TIME ZONE 'UTC')";

/**
 * Claims the right to share into a chat now. One conditional UPDATE decides: under concurrent
 * requests (clicks, tabs, staff, instances) the row lock lets exactly one of them match.
 */
export async function reserveShare(chatId: string, eventId: string, cooldownMs: number): Promise<Reservation> {
  await db.$executeRaw`INSERT INTO "ChatShareState" ("chatId") VALUES (${chatId}) ON CONFLICT ("chatId") DO NOTHING`;
  const won = await db.$executeRawUnsafe(
    `UPDATE "ChatShareState" SET "reservedAt" = ${NOW}, "reservedBy" = $2
      WHERE "chatId" = $1
        AND ("lastSucceededAt" IS NULL OR "lastSucceededAt" <= ${NOW} - $3::double precision * interval '1 millisecond')
        AND ("reservedAt" IS NULL OR "reservedAt" <= ${NOW} - ${ABANDONED_AFTER})`,
    chatId,
    eventId,
    cooldownMs,
  );
  if (won === 1) return { ok: true };
  const state = await db.chatShareState.findUniqueOrThrow({ where: { chatId } });
  if (state.lastSucceededAt && Date.now() - state.lastSucceededAt.getTime() < cooldownMs) {
    return { ok: false, reason: 'cooling_down', lastSucceededAt: state.lastSucceededAt };
  }
  return { ok: false, reason: 'in_flight' };
}

/**
 * How a share ended, for the chat's cooldown: shared starts it; failed frees the chat at once;
 * uncertain (Linq did not answer in time, the card may have gone) holds the chat as if shared, until
 * the cooldown passes or an operator releases it.
 */
export type ShareEnd = 'shared' | 'failed' | 'uncertain';

const END_SET: Record<ShareEnd, string> = {
  shared: `, "lastSucceededAt" = ${NOW}, "heldByEventId" = NULL, "succeededBeforeHold" = NULL`,
  failed: '',
  uncertain: `, "succeededBeforeHold" = "lastSucceededAt", "lastSucceededAt" = ${NOW}, "heldByEventId" = $2`,
};

/** Ends a reservation as the share ended; returns the chat's last share time after it. */
export async function completeShare(chatId: string, eventId: string, end: ShareEnd): Promise<Date | null> {
  const rows = await db.$queryRawUnsafe<Array<{ lastSucceededAt: Date | null }>>(
    `UPDATE "ChatShareState"
        SET "reservedAt" = NULL, "reservedBy" = NULL${END_SET[end]}
      WHERE "chatId" = $1 AND "reservedBy" = $2
      RETURNING "lastSucceededAt"`,
    chatId,
    eventId,
  );
  return rows[0]?.lastSucceededAt ?? null;
}

/**
 * An operator's decision that a share of unknown outcome did not reach the customer: the chat's
 * cooldown goes back to what it was before, and the release is recorded. False when nothing holds it.
 */
export async function releaseHold(chatId: string, actorId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [held] = await tx.$queryRaw<Array<{ heldByEventId: string | null }>>`
      SELECT "heldByEventId" FROM "ChatShareState" WHERE "chatId" = ${chatId} FOR UPDATE`;
    if (!held?.heldByEventId) return false;
    await tx.$executeRaw`
      UPDATE "ChatShareState" SET "lastSucceededAt" = "succeededBeforeHold", "succeededBeforeHold" = NULL, "heldByEventId" = NULL
       WHERE "chatId" = ${chatId}`;
    await tx.shareHoldRelease.create({ data: { chatId, eventId: held.heldByEventId, actorId } });
    return true;
  });
}


/** When each chat last received the card successfully. */
export async function lastSharedAt(chatIds: string[]): Promise<Map<string, Date>> {
  const states = await db.chatShareState.findMany({
    where: { chatId: { in: chatIds }, lastSucceededAt: { not: null } },
    select: { chatId: true, lastSucceededAt: true },
  });
  return new Map(states.map((state) => [state.chatId, state.lastSucceededAt!]));
}
