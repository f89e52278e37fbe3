import 'server-only';
import type { ShareRun } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import type { LinqGateway } from '@/lib/linq';
import { changeFor, claimItems, recordItem, renewClaims, settleLapsedClaims, type Claimed } from '@/lib/runs/claims';
import { finishIfDone, type RunSliceOutcome } from '@/lib/runs/completion';
import { itemOutcome, MAX_ATTEMPTS, retryDelayMs, type ItemOutcome } from '@/lib/runs/outcome';
import { OWNER_SELECT, ownerCanShare, pauseForOwner } from '@/lib/runs/owner';
import { shareIntoChat, type ShareResult } from '@/lib/shares/share-chat';
import type { CardCache } from '@/lib/shares/share-checks';

// A run, worked through in slices (background jobs): in each slice a few workers claim the run's
// chats one at a time, share them and record each outcome, until the slice's time is up; the next
// slice goes on from there. Linq's 429 pauses the whole run; a 5xx puts the chat back for later. A
// claimed chat is "sending" under a lease its slice renews while it works: a slice that died stops
// renewing, and once the lease lapses the next slice settles the chat from what the database knows
// of its share (lib/runs/claims.ts). Slices on several instances at once claim different chats
// (SKIP LOCKED) and never settle each other's live claims.

export interface RunContext {
  linq: LinqGateway;
  /**
   * Aborted when this slice must hand the run back: the console is stopping, or the job lost its
   * claim. No new chat is claimed; the shares in flight finish and are recorded.
   */
  signal?: AbortSignal;
  budgetMs: number;
  /** Linq requests in flight at once (twice as many shares are worked on: one's database work overlaps another's request). */
  concurrency: number;
  now?: () => Date;
}

/** The run as a slice needs it, with whether its owner may still share. */
async function readRun(runId: string) {
  const run = await db.shareRun.findUniqueOrThrow({ where: { id: runId }, include: { createdBy: { select: OWNER_SELECT } } });
  return { run, ownerMayShare: ownerCanShare(run.createdBy, run.numbers) };
}

/** What became of one claimed chat: a share's result, an error of the console, or not tried (the run paused or stopping first). */
type Attempt = PromiseSettledResult<ShareResult> | { status: 'released' };

function outcomeOf(attempt: Attempt, attempts: number): ItemOutcome {
  if (attempt.status === 'released') return { state: 'PENDING', reason: null };
  if (attempt.status === 'fulfilled') return itemOutcome(attempt.value, attempts);
  return attempts < MAX_ATTEMPTS
    ? { state: 'RETRY', reason: 'console_error', retryInMs: retryDelayMs(attempts) }
    : { state: 'FAILED', reason: 'console_error' };
}

/** A number's card is read again after this long, so a card switched off mid-run is noticed. */
const CARD_FRESH_MS = 60_000;
/** How often a slice looks whether the run was paused or cancelled, or its owner may no longer share. */
const CHECK_EVERY_MS = 1_000;

/**
 * Between and around its two Linq requests a share does its database work (claim, index, event,
 * reservation, outcome: 7 statements). With twice as many workers as Linq requests allowed in
 * flight, Linq always has `concurrency` requests while the other workers do that work
 * (docs/benchmarks/bulk.md: 1.08× the bound Linq's latency sets, from 1.35×).
 */
const WORKERS_PER_REQUEST = 2;

/**
 * Works on a run until its slice's time is up, it must wait, it is stopped, or it ends. Workers
 * each claim one chat, share it and record its outcome, then take the next: no worker waits for
 * another, and at most `concurrency` of their requests are with Linq at once.
 */
export async function runSlice(runId: string, ctx: RunContext): Promise<RunSliceOutcome> {
  const now = () => ctx.now?.() ?? new Date();
  const { run, ownerMayShare } = await readRun(runId);
  if (run.status !== 'RUNNING') return { kind: 'stopped', run };
  if (!ownerMayShare) {
    await pauseForOwner(runId);
    return { kind: 'stopped', run: await db.shareRun.findUniqueOrThrow({ where: { id: runId } }) };
  }
  if (run.pausedUntil && run.pausedUntil > now()) return { kind: 'wait', until: run.pausedUntil };
  if (run.pausedUntil) await db.shareRun.update({ where: { id: runId }, data: { pausedUntil: null } });
  await settleLapsedClaims(runId, now());
  if (ctx.signal?.aborted) return { kind: 'continue' };

  const deadline = Date.now() + ctx.budgetMs;
  const source = run.source === 'SCHEDULED' ? 'SCHEDULED' : 'BULK';
  const linq = ctx.linq.limitedTo(Math.max(1, ctx.concurrency));
  let cards: CardCache = new Map();
  let cardsReadAt = Date.now();
  // Linq said 429: no worker starts another share; the chats claimed and not started wait with the run.
  let pauseSeconds = 0;
  let stopped: ShareRun | null = null;
  let drained = false;
  let lastError: string | undefined;
  let checkedAt = Date.now();
  const inFlight = new Set<string>();

  /** Looks whether the run was stopped meanwhile, or its owner may no longer share (then pauses it). */
  async function checkpoint(): Promise<void> {
    checkedAt = Date.now();
    const current = await readRun(runId);
    if (current.run.status === 'RUNNING' && !current.ownerMayShare) await pauseForOwner(runId);
    if (current.run.status !== 'RUNNING' || !current.ownerMayShare) stopped = await db.shareRun.findUniqueOrThrow({ where: { id: runId } });
  }

  async function shareOne(item: Claimed): Promise<void> {
    inFlight.add(item.chatId);
    let attempt: Attempt;
    try {
      if (Date.now() - cardsReadAt > CARD_FRESH_MS) [cards, cardsReadAt] = [new Map(), Date.now()];
      attempt =
        pauseSeconds > 0 || ctx.signal?.aborted || stopped
          ? { status: 'released' }
          : {
              status: 'fulfilled',
              value: await shareIntoChat(run.createdById, item.chatId, { linq, source, runId, eventId: item.attemptEventId, cardCache: cards }),
            };
    } catch (error) {
      attempt = { status: 'rejected', reason: error };
      lastError = error instanceof Error ? error.message : String(error);
    }
    const outcome = outcomeOf(attempt, item.attempts);
    if (outcome.pauseSeconds !== undefined) pauseSeconds = Math.max(pauseSeconds, outcome.pauseSeconds);
    const eventId = attempt.status === 'fulfilled' ? attempt.value.eventId : null;
    await recordItem(runId, item, changeFor(outcome, eventId, attempt.status !== 'released', now()), now());
    inFlight.delete(item.chatId);
  }

  const goOn = () => !ctx.signal?.aborted && pauseSeconds === 0 && !stopped && !drained && Date.now() < deadline;
  async function worker(): Promise<void> {
    while (goOn()) {
      if (Date.now() - checkedAt >= CHECK_EVERY_MS) {
        await checkpoint();
        if (!goOn()) return;
      }
      const [item] = await claimItems(runId, 1, now());
      if (!item) {
        drained = true;
        return;
      }
      await shareOne(item);
    }
  }

  const stopRenewing = renewClaims(runId, inFlight, now);
  try {
    await Promise.all(Array.from({ length: Math.max(1, ctx.concurrency) * WORKERS_PER_REQUEST }, worker));
  } finally {
    stopRenewing();
  }

  // Nothing left to claim may mean the run was paused or cancelled meanwhile: say so rather than "continue".
  if (drained && !stopped) await checkpoint();
  const pausedUntil = pauseSeconds > 0 ? new Date(now().getTime() + pauseSeconds * 1000) : undefined;
  if (pausedUntil || lastError)
    await db.shareRun.update({ where: { id: runId }, data: { ...(pausedUntil && { pausedUntil }), ...(lastError && { lastError }) } });
  if (pausedUntil) return { kind: 'wait', until: pausedUntil };
  if (stopped) return { kind: 'stopped', run: stopped };
  if (!drained) return { kind: 'continue' };
  return finishIfDone(runId, now());
}
