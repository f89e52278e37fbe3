import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { faultPoint } from '@/lib/faults';
import { logger } from '@/lib/observability/log';
import { recordedOutcome, type ItemOutcome, type ItemState } from '@/lib/runs/outcome';
import { settleEvent, settleReservedShare } from '@/lib/shares/share-record';

// A run's chats as workers claim them, and how each claim ends. Every change of an item and the
// run's counters that follow from it are one statement, so a console killed between two writes
// can never leave the figures apart from the items.

/** How long a claim holds without being renewed; the slice renews its claims this often. */
export const CLAIM_LEASE_MS = 60_000;
export const CLAIM_RENEW_MS = 15_000;

export interface Claimed {
  chatId: string;
  attempts: number;
  sendingNumber: string | null;
  /** The id this attempt gives its ShareEvent. */
  attemptEventId: string;
}

const ts = (date: Date | null) => (date ? Prisma.sql`${date}::timestamp` : Prisma.sql`NULL::timestamp`);

/**
 * Claims up to `limit` chats whose turn it is, while the run is running (SKIP LOCKED: a second
 * worker never takes the same ones). A sending item's nextAttemptAt is its lease: the earliest
 * another slice may take it up.
 */
export async function claimItems(runId: string, limit: number, now: Date): Promise<Claimed[]> {
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "ShareRunItem" i SET "state" = 'SENDING', "attempts" = i."attempts" + 1, "updatedAt" = ${now}::timestamp,
           "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_LEASE_MS)}::timestamp,
           "attemptEventId" = 'se_' || replace(gen_random_uuid()::text, '-', '')
      FROM (SELECT "chatId" FROM "ShareRunItem"
             WHERE "runId" = ${runId}
               AND ("state" = 'PENDING' OR ("state" = 'RETRY' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now}::timestamp)))
               -- A run paused or cancelled (by staff, or with its owner disabled) claims nothing more, at once.
               AND EXISTS (SELECT 1 FROM "ShareRun" r WHERE r."id" = ${runId} AND r."status" = 'RUNNING')
             LIMIT ${limit}
             FOR UPDATE SKIP LOCKED) due
     WHERE i."runId" = ${runId} AND i."chatId" = due."chatId"
     RETURNING i."chatId", i."attempts", i."sendingNumber", i."attemptEventId"`;
  if (claimed.length > 0) faultPoint('run.claimed');
  return claimed;
}

/** Keeps the claims of the chats being shared alive while they are. */
export function renewClaims(runId: string, inFlight: Set<string>, now: () => Date): () => void {
  const timer = setInterval(() => {
    if (inFlight.size === 0) return;
    db.shareRunItem
      .updateMany({ where: { runId, chatId: { in: [...inFlight] }, state: 'SENDING' }, data: { nextAttemptAt: new Date(now().getTime() + CLAIM_LEASE_MS) } })
      .catch((error: unknown) => logger('runs').warn({ err: error, runId }, 'could not renew the claims of a run'));
  }, CLAIM_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export interface ItemChange {
  state: ItemState;
  reason: string | null;
  nextAttemptAt: Date | null;
  /** The attempt's ShareEvent, when it wrote one. */
  eventId: string | null;
  /** False when the chat was not really tried (Linq's 429, the run paused or stopping first): the attempt is given back. */
  spentAttempt: boolean;
}

/**
 * Ends a claim, if it is still this attempt's (its attempt number unchanged: a slice that stalled
 * past its lease must not overwrite what another settled), and counts a final outcome on the run
 * in the same statement. True when the claim was still this attempt's.
 */
export async function recordItem(runId: string, item: Pick<Claimed, 'chatId' | 'attempts'>, change: ItemChange, now: Date): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ moved: number }>>`
    WITH moved AS (
      UPDATE "ShareRunItem"
         SET "state" = ${change.state}::"RunItemState", "reason" = ${change.reason}, "nextAttemptAt" = ${ts(change.nextAttemptAt)},
             "attempts" = "attempts" - ${change.spentAttempt ? 0 : 1}, "eventId" = COALESCE(${change.eventId}::text, "eventId"),
             "attemptEventId" = NULL, "updatedAt" = ${now}::timestamp
       WHERE "runId" = ${runId} AND "chatId" = ${item.chatId} AND "state" = 'SENDING' AND "attempts" = ${item.attempts}
       RETURNING "state"
    ), counted AS (
      UPDATE "ShareRun"
         SET "shared" = "shared" + (SELECT count(*) FROM moved WHERE "state" = 'SHARED')::int,
             "refused" = "refused" + (SELECT count(*) FROM moved WHERE "state" = 'REFUSED')::int,
             "failed" = "failed" + (SELECT count(*) FROM moved WHERE "state" = 'FAILED')::int,
             "unknown" = "unknown" + (SELECT count(*) FROM moved WHERE "state" = 'UNKNOWN')::int,
             "progressAt" = ${now}::timestamp
       WHERE "id" = ${runId} AND EXISTS (SELECT 1 FROM moved WHERE "state" IN ('SHARED', 'REFUSED', 'FAILED', 'UNKNOWN'))
       RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS moved`;
  return (row?.moved ?? 0) === 1;
}

export function changeFor(outcome: ItemOutcome, eventId: string | null, spentAttempt: boolean, now: Date): ItemChange {
  return {
    state: outcome.state,
    reason: outcome.reason,
    nextAttemptAt: outcome.retryInMs !== undefined ? new Date(now.getTime() + outcome.retryInMs) : null,
    eventId,
    // A 429 is the run's pause, not the chat's attempt.
    spentAttempt: spentAttempt && outcome.pauseSeconds === undefined,
  };
}

const CUT_OFF_MESSAGE = 'The console stopped while this share was being sent; the card may have reached the customer. The chat is held as if shared.';
const NOT_SENT_MESSAGE = 'The console stopped before this share was sent; it is tried again.';

/**
 * What became of an attempt whose slice died, from what it got to write: no event (nothing was
 * asked of Linq), an event still open (sent if it held the chat's reservation: then held as an
 * unknown outcome, never sent again), or a settled event (its outcome stands).
 */
export async function settleAttempt(chatId: string, attemptEventId: string | null, attempts: number, now: Date): Promise<ItemChange> {
  const notTried: ItemChange = { state: 'PENDING', reason: null, nextAttemptAt: null, eventId: null, spentAttempt: false };
  const event = attemptEventId ? await db.shareEvent.findUnique({ where: { id: attemptEventId } }) : null;
  if (!event) return notTried;
  if (event.outcome === 'PENDING') {
    const state = await db.chatShareState.findUnique({ where: { chatId }, select: { reservedBy: true } });
    if (state?.reservedBy !== event.id) {
      await settleEvent(chatId, event.id, { outcome: 'FAILED', reason: 'interrupted', message: NOT_SENT_MESSAGE });
      return { ...notTried, eventId: event.id };
    }
    await settleReservedShare(chatId, event.id, 'uncertain', { outcome: 'UNKNOWN', reason: 'interrupted', message: CUT_OFF_MESSAGE });
    return { state: 'UNKNOWN', reason: 'interrupted', nextAttemptAt: null, eventId: event.id, spentAttempt: true };
  }
  return changeFor(recordedOutcome({ ...event, outcome: event.outcome }, attempts), event.id, true, now);
}

/**
 * Chats left "sending" by a slice that died (its lease lapsed) are settled from the database, so
 * that every item ends shared, refused, failed, unknown or back in line, whatever moment it was cut.
 */
export async function settleLapsedClaims(runId: string, now: Date): Promise<number> {
  const lapsed = await db.shareRunItem.findMany({
    where: { runId, state: 'SENDING', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    select: { chatId: true, attempts: true, attemptEventId: true },
  });
  let settled = 0;
  for (const item of lapsed) {
    const change = await settleAttempt(item.chatId, item.attemptEventId, item.attempts, now);
    if (await recordItem(runId, item, change, now)) settled += 1;
  }
  return settled;
}
