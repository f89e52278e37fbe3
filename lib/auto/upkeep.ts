import 'server-only';
import { endClaim } from '@/lib/auto/process';
import { considerRecentChats } from '@/lib/auto/triggers';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { queueAutoShare } from '@/lib/queue/send';
import { settleAttempt } from '@/lib/runs/claims';
import type { ItemOutcome } from '@/lib/runs/outcome';

// What the tick does for automatic shares every minute: settles claims a kill left behind, queues
// again what lost its job, and picks up conversations the sync found had reached their trigger.

/** A waiting share this far past its due time has lost its job (a kill between the row and the job). */
const LOST_AFTER_MS = 30_000;
/** Shares queued again per tick at most; the next tick takes the rest. */
const REQUEUE_BATCH = 1_000;

/**
 * Claims whose lease lapsed (the instance died mid-share) end from what their attempt got to
 * write, as a run's do: not sent (back to waiting), sent and unanswered (held as unknown, never
 * sent again), or settled (its outcome stands).
 */
async function settleLapsedClaims(now: Date): Promise<number> {
  const lapsed = await db.autoShare.findMany({
    where: { state: 'SENDING', OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
    select: { chatId: true, attempts: true, attemptEventId: true },
    take: REQUEUE_BATCH,
  });
  for (const row of lapsed) {
    const change = await settleAttempt(row.chatId, row.attemptEventId, row.attempts, now);
    // Not sent: it goes again at once. Otherwise the outcome its event recorded stands.
    const outcome: ItemOutcome =
      change.state === 'PENDING'
        ? { state: 'RETRY', reason: 'interrupted', retryInMs: 0 }
        : {
            state: change.state,
            reason: change.reason,
            ...(change.nextAttemptAt && { retryInMs: Math.max(0, change.nextAttemptAt.getTime() - now.getTime()) }),
          };
    await endClaim(row.chatId, row.attempts, outcome, change.eventId, now);
  }
  return lapsed.length;
}

/** Waiting shares due by `dueBy`, queued again for now; held ones only once their hold has lifted. */
async function requeueWaiting(dueBy: Date, now: Date): Promise<number> {
  const paused = (await db.autoSharePause.findUnique({ where: { id: 'account' } }))?.paused ?? false;
  const lost = await db.autoShare.findMany({
    where: {
      state: 'WAITING',
      dueAt: { lte: dueBy },
      ...(paused && { OR: [{ reason: null }, { reason: { not: 'paused' } }] }),
    },
    select: { chatId: true, dueAt: true },
    orderBy: { dueAt: 'asc' },
    take: REQUEUE_BATCH,
  });
  await Promise.all(lost.map((row) => queueAutoShare(row.chatId, now)));
  return lost.length;
}

/** Every waiting share that is due, queued now (on resume): each decides afresh. */
export function requeueWaitingAutoShares(now = new Date()): Promise<number> {
  return requeueWaiting(now, now);
}

/** The conversation timeline older than its retention, removed (hourly). */
export async function pruneTimeline(now: Date): Promise<number> {
  const before = new Date(now.getTime() - getSettings().timelineRetentionDays * 86_400_000);
  return db.$executeRaw`DELETE FROM "ChatTurn" WHERE "at" < ${before}::timestamp`;
}

/** The tick's turn for automatic shares; a summary when it did something. */
export async function reviveAutoShares(now: Date): Promise<string | undefined> {
  const settled = await settleLapsedClaims(now);
  // Due this long ago and still waiting: its job was lost.
  const requeued = await requeueWaiting(new Date(now.getTime() - LOST_AFTER_MS), now);
  const found = await considerRecentChats(now);
  const done = [
    settled > 0 && `${settled} interrupted automatic shares settled`,
    requeued > 0 && `${requeued} automatic shares queued again`,
    found > 0 && `${found} conversations found for automatic share`,
  ].filter(Boolean);
  return done.length > 0 ? done.join(', ') : undefined;
}
