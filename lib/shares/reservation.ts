import 'server-only';
import { db } from '@/lib/db';
import { describeTooEarlyRelease, holdReleasableAt } from '@/lib/shares/hold-release';

/**
 * A reservation whose request has not ended after this long was left by a console that stopped
 * mid-share (a share gives up on Linq after 20 s). Its card may have gone: the chat is held as if
 * shared, as for any share whose outcome is unknown, never simply freed.
 */
const ABANDONED_AFTER_MS = 2 * 60_000;
const ABANDONED_AFTER = `interval '${ABANDONED_AFTER_MS / 1000} seconds'`;

export type Reservation =
  | { ok: true }
  /** `held`: by a share whose outcome is unknown. */
  | { ok: false; reason: 'cooling_down'; lastSucceededAt: Date; held?: boolean }
  | { ok: false; reason: 'in_flight' };

// Times are the database's own (now() in UTC, as Prisma stores DateTime), so that several
// console instances with different clocks agree.
const NOW = "(now() AT TIME ZONE 'UTC')";

/**
 * Claims the right to share into a chat now. One statement decides, the chat's first share
 * included (its state row is made then): under concurrent requests (clicks, tabs, staff, instances)
 * the row lock lets exactly one of them through.
 */
export async function reserveShare(chatId: string, eventId: string, cooldownMs: number): Promise<Reservation> {
  const reserve = () =>
    db.$executeRawUnsafe(
      `INSERT INTO "ChatShareState" ("chatId", "reservedAt", "reservedBy") VALUES ($1, ${NOW}, $2)
       ON CONFLICT ("chatId") DO UPDATE SET "reservedAt" = ${NOW}, "reservedBy" = $2
        WHERE "ChatShareState"."reservedAt" IS NULL
          AND ("ChatShareState"."lastSucceededAt" IS NULL OR "ChatShareState"."lastSucceededAt" <= ${NOW} - $3::double precision * interval '1 millisecond')`,
      chatId,
      eventId,
      cooldownMs,
    );
  // A reservation left by a stopped console becomes a hold; the chat may then be free (a short cooldown).
  if ((await reserve()) === 1 || ((await holdAbandonedReservation(chatId)) && (await reserve()) === 1)) return { ok: true };
  // Lost: the cooldown if that is why, else another share holds the chat.
  return refusalOf(await readShareState(chatId), cooldownMs, new Date()) ?? { ok: false, reason: 'in_flight' };
}

/** Turns a reservation abandoned by a stopped console into an unknown-outcome hold, and its share event with it; true if there was one. */
async function holdAbandonedReservation(chatId: string): Promise<boolean> {
  const [held] = await db.$queryRawUnsafe<Array<{ held: boolean }>>(
    `WITH abandoned AS (
       UPDATE "ChatShareState"
          SET "succeededBeforeHold" = "lastSucceededAt", "lastSucceededAt" = "reservedAt", "heldByEventId" = "reservedBy",
              "reservedAt" = NULL, "reservedBy" = NULL
        WHERE "chatId" = $1 AND "reservedAt" <= ${NOW} - ${ABANDONED_AFTER}
        RETURNING "heldByEventId")
     , events AS (
       UPDATE "ShareEvent" SET "outcome" = 'UNKNOWN', "reason" = 'interrupted', "completedAt" = ${NOW},
              "message" = 'The console stopped while this share was being sent; the card may have reached the customer. The chat is held as if shared.'
        WHERE "id" IN (SELECT "heldByEventId" FROM abandoned) AND "outcome" = 'PENDING')
     SELECT EXISTS (SELECT 1 FROM abandoned) AS held`,
    chatId,
  );
  return held?.held ?? false;
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

/**
 * The statement that ends a reservation as the share ended, $1 the chat and $2 the event (part of a
 * share's closing statement, share-record.ts).
 */
export function endReservationSql(end: ShareEnd): string {
  return `UPDATE "ChatShareState" SET "reservedAt" = NULL, "reservedBy" = NULL${END_SET[end]} WHERE "chatId" = $1 AND "reservedBy" = $2`;
}

/** What a share reads of a chat's share state before asking Linq anything (read with the chat). */
export interface ShareStateFacts {
  lastSucceededAt: Date | null;
  reservedAt: Date | null;
  reservedBy: string | null;
  heldByEventId: string | null;
}

/**
 * What the database alone says against sharing into a chat now, before any Linq call, from its
 * share state as just read: shared (or held) within the cooldown, or another share holding its
 * reservation. Null: nothing against it.
 */
export async function databaseRefusal(
  chatId: string,
  cooldownMs: number,
  read: ShareStateFacts | null,
  now = new Date(),
): Promise<Exclude<Reservation, { ok: true }> | null> {
  if (!read) return null;
  // (The database's clock decides; a minute's slack keeps a skewed instance from asking too early.)
  const abandoned = read.reservedAt && now.getTime() - read.reservedAt.getTime() > ABANDONED_AFTER_MS - 60_000;
  const state = abandoned && (await holdAbandonedReservation(chatId)) ? await readShareState(chatId) : read;
  return refusalOf(state, cooldownMs, now);
}

function readShareState(chatId: string): Promise<ShareStateFacts> {
  return db.chatShareState.findUniqueOrThrow({ where: { chatId }, select: { lastSucceededAt: true, reservedAt: true, reservedBy: true, heldByEventId: true } });
}

/** The one rule both the early check and a lost reservation describe: shared (or held) within the cooldown, else in flight. */
function refusalOf(state: ShareStateFacts, cooldownMs: number, now: Date): Exclude<Reservation, { ok: true }> | null {
  if (state.lastSucceededAt && now.getTime() - state.lastSucceededAt.getTime() < cooldownMs) {
    return { ok: false, reason: 'cooling_down', lastSucceededAt: state.lastSucceededAt, held: Boolean(state.heldByEventId) };
  }
  if (state.reservedBy && state.reservedAt) return { ok: false, reason: 'in_flight' };
  return null;
}

export class HoldReleaseError extends Error {
  override name = 'HoldReleaseError';
}

/**
 * An operator's decision, with their reason, that a share of unknown outcome did not reach the
 * customer: the chat's cooldown goes back to what it was before, and the release is recorded. Only
 * once the original request can no longer be in flight (holdReleasableAt). False when nothing holds it.
 */
export async function releaseHold(chatId: string, actorId: string, reason: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [held] = await tx.$queryRaw<Array<{ heldByEventId: string | null }>>`
      SELECT "heldByEventId" FROM "ChatShareState" WHERE "chatId" = ${chatId} FOR UPDATE`;
    if (!held?.heldByEventId) return false;
    const event = await tx.shareEvent.findUnique({ where: { id: held.heldByEventId }, select: { createdAt: true, completedAt: true, latencyMs: true } });
    const releasableAt = holdReleasableAt(event ?? { createdAt: now, completedAt: null, latencyMs: null });
    if (releasableAt > now) throw new HoldReleaseError(describeTooEarlyRelease(releasableAt));
    await tx.$executeRaw`
      UPDATE "ChatShareState" SET "lastSucceededAt" = "succeededBeforeHold", "succeededBeforeHold" = NULL, "heldByEventId" = NULL
       WHERE "chatId" = ${chatId}`;
    await tx.shareHoldRelease.create({ data: { chatId, eventId: held.heldByEventId, actorId, reason } });
    return true;
  });
}
