import 'server-only';
import type { ShareRun, ShareRunItem } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { LinqError, type LinqGateway } from '@/lib/linq';
import { DEFAULT_PAUSE_SECONDS, itemOutcome, MAX_ATTEMPTS, type ItemOutcome } from '@/lib/runs/outcome';
import { completeShare } from '@/lib/shares/reservation';
import { fetchCard, type CardCache } from '@/lib/shares/share-checks';
import { shareIntoChat, type ShareResult } from '@/lib/shares/share-chat';

// A run, worked through in slices (background jobs): in each slice a few workers claim the run's
// chats one at a time, share them and record each outcome, until the slice's time is up; the next
// slice goes on from there. Linq's 429 pauses the whole run; a 5xx puts the chat back for later. A claimed chat is
// "sending" under a lease its slice renews while it works: a slice that died stops renewing, and
// once the lease lapses the next slice settles the chat from what the database knows of its share.
// Slices on several instances at once claim different chats (SKIP LOCKED) and never settle each
// other's live claims.

export interface RunContext {
  linq: LinqGateway;
  signal?: AbortSignal;
  budgetMs: number;
  /** Shares in flight at once. */
  concurrency: number;
  now?: () => Date;
}

export type RunSliceOutcome =
  | { kind: 'continue' }
  /** Nothing to do before then: Linq's pause, or the next retry. */
  | { kind: 'wait'; until: Date }
  /** Completed, or stopped by staff. */
  | { kind: 'stopped'; run: ShareRun };

const FINAL_COUNTER = { SHARED: 'shared', REFUSED: 'refused', FAILED: 'failed', UNKNOWN: 'unknown' } as const;

type Counters = Partial<Record<(typeof FINAL_COUNTER)[keyof typeof FINAL_COUNTER], number>>;

function count(counters: Counters, state: string): void {
  const counter = FINAL_COUNTER[state as keyof typeof FINAL_COUNTER];
  if (counter) counters[counter] = (counters[counter] ?? 0) + 1;
}

async function addCounts(runId: string, counters: Counters, extra: { pausedUntil?: Date | null; lastError?: string } = {}): Promise<void> {
  const increments = Object.fromEntries(Object.entries(counters).map(([key, value]) => [key, { increment: value }]));
  if (Object.keys(increments).length === 0 && Object.keys(extra).length === 0) return;
  await db.shareRun.update({ where: { id: runId }, data: { ...increments, ...extra, ...(Object.keys(increments).length > 0 && { progressAt: new Date() }) } });
}

/**
 * Chats left "sending" by a slice that died: settled from their latest share attempt. A share that
 * had reached Linq (its reservation held) when the console stopped may have gone through: it is held
 * as an unknown outcome, never tried again, so no chat is shared twice.
 */
async function settleInterrupted(run: ShareRun, now: Date): Promise<void> {
  const stuck = await db.shareRunItem.findMany({ where: { runId: run.id, state: 'SENDING', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] } });
  const counters: Counters = {};
  for (const item of stuck) {
    const event = await db.shareEvent.findFirst({ where: { runId: run.id, chatId: item.chatId }, orderBy: { createdAt: 'desc' } });
    let settled: Pick<ShareRunItem, 'state' | 'reason'> = { state: 'PENDING', reason: null };
    if (event?.outcome === 'SUCCEEDED') settled = { state: 'SHARED', reason: null };
    else if (event?.outcome === 'UNKNOWN') settled = { state: 'UNKNOWN', reason: 'timeout' };
    else if (event?.outcome === 'REFUSED') settled = { state: 'REFUSED', reason: 'interrupted' };
    else if (event?.outcome === 'FAILED') settled = { state: 'RETRY', reason: 'interrupted' };
    else if (event?.outcome === 'PENDING') {
      const state = await db.chatShareState.findUnique({ where: { chatId: item.chatId }, select: { reservedBy: true } });
      const reachedLinq = state?.reservedBy === event.id;
      if (reachedLinq) await completeShare(item.chatId, event.id, 'uncertain');
      await db.shareEvent.update({
        where: { id: event.id },
        data: reachedLinq
          ? { outcome: 'UNKNOWN', completedAt: new Date(), message: 'The console stopped while this share was being sent; the card may have reached the customer. The chat is held as if shared.' }
          : { outcome: 'FAILED', completedAt: new Date(), message: 'The console stopped before this share was sent; it is tried again.' },
      });
      settled = reachedLinq ? { state: 'UNKNOWN', reason: 'interrupted' } : { state: 'PENDING', reason: null };
    }
    const updated = await db.shareRunItem.updateMany({
      where: { runId: run.id, chatId: item.chatId, state: 'SENDING', attempts: item.attempts },
      data: { ...settled, eventId: event?.id ?? item.eventId, nextAttemptAt: null },
    });
    if (updated.count === 1) count(counters, settled.state);
  }
  await addCounts(run.id, counters);
}

interface Claimed {
  chatId: string;
  attempts: number;
  sendingNumber: string | null;
}

/** How long a claim holds without being renewed; the slice renews its claims this often. */
const CLAIM_LEASE_MS = 60_000;
const CLAIM_RENEW_MS = 15_000;

/**
 * Claims up to `limit` chats whose turn it is (SKIP LOCKED: a second worker never takes the same
 * ones). A sending item's nextAttemptAt is its lease: the earliest another slice may take it up.
 */
async function claim(runId: string, limit: number, now: Date): Promise<Claimed[]> {
  return db.$queryRaw`
    UPDATE "ShareRunItem" i SET "state" = 'SENDING', "attempts" = i."attempts" + 1, "updatedAt" = ${now}::timestamp,
           "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_LEASE_MS)}::timestamp
      FROM (SELECT "chatId" FROM "ShareRunItem"
             WHERE "runId" = ${runId} AND ("state" = 'PENDING' OR ("state" = 'RETRY' AND "nextAttemptAt" <= ${now}::timestamp))
             LIMIT ${limit}
             FOR UPDATE SKIP LOCKED) due
     WHERE i."runId" = ${runId} AND i."chatId" = due."chatId"
     RETURNING i."chatId", i."attempts", i."sendingNumber"`;
}

/** Nothing to claim: the run is done, or waits for a retry's time or for another slice's claims. */
async function finishIfDone(run: ShareRun, now: Date): Promise<RunSliceOutcome> {
  if (await db.shareRunItem.findFirst({ where: { runId: run.id, state: 'PENDING' }, select: { chatId: true } })) return { kind: 'continue' };
  const next = await db.shareRunItem.findFirst({
    where: { runId: run.id, state: { in: ['RETRY', 'SENDING'] } },
    orderBy: { nextAttemptAt: { sort: 'asc', nulls: 'first' } },
    select: { nextAttemptAt: true },
  });
  if (next?.nextAttemptAt && next.nextAttemptAt > now) return { kind: 'wait', until: next.nextAttemptAt };
  if (next) return { kind: 'continue' };
  const done = await db.shareRun.updateMany({ where: { id: run.id, status: 'RUNNING' }, data: { status: 'COMPLETED', finishedAt: now, pausedUntil: null } });
  return { kind: 'stopped', run: done.count ? await db.shareRun.findUniqueOrThrow({ where: { id: run.id } }) : run };
}

/** What became of one claimed chat: a share's result, an error of the console, or not tried (the run paused first). */
type Attempt = PromiseSettledResult<ShareResult> | { status: 'released' };

function outcomeOf(attempt: Attempt, attempts: number): ItemOutcome {
  if (attempt.status === 'released') return { state: 'PENDING', reason: null };
  if (attempt.status === 'fulfilled') return itemOutcome(attempt.value, attempts);
  return attempts < MAX_ATTEMPTS ? { state: 'RETRY', reason: 'console_error', retryInMs: 30_000 } : { state: 'FAILED', reason: 'console_error' };
}

/**
 * Records one chat's outcome on its item, if the claim is still this slice's (its attempt number
 * unchanged): a slice that stalled past its lease must not overwrite what another slice settled.
 */
async function record(runId: string, item: Claimed, attempt: Attempt, outcome: ItemOutcome, now: Date): Promise<boolean> {
  const updated = await db.shareRunItem.updateMany({
    where: { runId, chatId: item.chatId, state: 'SENDING', attempts: item.attempts },
    data: {
      state: outcome.state,
      reason: outcome.reason,
      // A 429 (or a chat not tried) is the run's pause, not the chat's attempt.
      ...((attempt.status === 'released' || outcome.pauseSeconds !== undefined) && { attempts: { decrement: 1 } }),
      nextAttemptAt: outcome.retryInMs ? new Date(now.getTime() + outcome.retryInMs) : null,
      ...(attempt.status === 'fulfilled' && { eventId: attempt.value.eventId }),
    },
  });
  return updated.count === 1;
}

/** Keeps the claims of the chats being shared alive while they are. */
function renewClaims(runId: string, inFlight: Set<string>, now: () => Date): () => void {
  const timer = setInterval(() => {
    if (inFlight.size === 0) return;
    db.shareRunItem
      .updateMany({ where: { runId, chatId: { in: [...inFlight] }, state: 'SENDING' }, data: { nextAttemptAt: new Date(now().getTime() + CLAIM_LEASE_MS) } })
      .catch((error: unknown) => console.warn(`[runs] could not renew the claims of run ${runId}:`, error));
  }, CLAIM_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Reads a number's card once for the slice (the workers asking meanwhile wait for that read). Linq's
 * 429 here pauses the run like a 429 on a share; other errors are left to the share's own check
 * (which then refuses or fails), and the card is read again for the next chat.
 */
async function primeCard(linq: LinqGateway, number: string | null, cards: CardCache): Promise<LinqError | null> {
  if (!number || cards.has(number)) return null;
  const reading = fetchCard(linq, number);
  cards.set(number, reading.catch(() => undefined));
  try {
    await reading;
    return null;
  } catch (error) {
    cards.delete(number);
    if (error instanceof LinqError) return error.status === 429 ? error : null;
    throw error;
  }
}

/** A number's card is read again after this long, so a card switched off mid-run is noticed. */
const CARD_FRESH_MS = 60_000;
/** How often a slice looks whether staff paused or cancelled the run, and writes its counts. */
const CHECK_EVERY_MS = 1_000;

/**
 * Works on a run until its slice's time is up, it must wait, or it ends. `concurrency` workers each
 * claim one chat, share it and record its outcome, then take the next: no worker waits for another.
 */
export async function runSlice(runId: string, ctx: RunContext): Promise<RunSliceOutcome> {
  const now = () => ctx.now?.() ?? new Date();
  const run = await db.shareRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.status !== 'RUNNING') return { kind: 'stopped', run };
  if (run.pausedUntil && run.pausedUntil > now()) return { kind: 'wait', until: run.pausedUntil };
  if (run.pausedUntil) await db.shareRun.update({ where: { id: runId }, data: { pausedUntil: null } });
  await settleInterrupted(run, now());

  const deadline = Date.now() + ctx.budgetMs;
  const source = run.source === 'SCHEDULED' ? 'SCHEDULED' : 'BULK';
  let cards: CardCache = new Map();
  let cardsReadAt = Date.now();
  // Linq said 429: no worker starts another share; the chats claimed and not started wait with the run.
  let pauseSeconds = 0;
  let stoppedByStaff: ShareRun | null = null;
  let drained = false;
  let counters: Counters = {};
  let lastError: string | undefined;
  let checkedAt = Date.now();
  const inFlight = new Set<string>();

  /** Writes the counts so far, and looks whether staff stopped the run meanwhile. */
  async function checkpoint(): Promise<void> {
    checkedAt = Date.now();
    const flushed = counters;
    counters = {};
    await addCounts(runId, flushed, lastError ? { lastError } : {});
    const current = await db.shareRun.findUniqueOrThrow({ where: { id: runId } });
    if (current.status !== 'RUNNING') stoppedByStaff = current;
  }

  async function shareOne(item: Claimed): Promise<void> {
    inFlight.add(item.chatId);
    let attempt: Attempt;
    try {
      if (Date.now() - cardsReadAt > CARD_FRESH_MS) [cards, cardsReadAt] = [new Map(), Date.now()];
      const limited = await primeCard(ctx.linq, item.sendingNumber, cards);
      if (limited) pauseSeconds = Math.max(pauseSeconds, limited.retryAfterSeconds ?? DEFAULT_PAUSE_SECONDS);
      attempt =
        pauseSeconds > 0 || ctx.signal?.aborted
          ? { status: 'released' }
          : { status: 'fulfilled', value: await shareIntoChat(run.createdById, item.chatId, { linq: ctx.linq, source, runId, cardCache: cards }) };
    } catch (error) {
      attempt = { status: 'rejected', reason: error };
      lastError = error instanceof Error ? error.message : String(error);
    }
    const outcome = outcomeOf(attempt, item.attempts);
    if (outcome.pauseSeconds !== undefined) pauseSeconds = Math.max(pauseSeconds, outcome.pauseSeconds);
    if (await record(runId, item, attempt, outcome, now())) count(counters, outcome.state);
    inFlight.delete(item.chatId);
  }

  const goOn = () => !ctx.signal?.aborted && pauseSeconds === 0 && !stoppedByStaff && !drained && Date.now() < deadline;
  async function worker(): Promise<void> {
    while (goOn()) {
      if (Date.now() - checkedAt >= CHECK_EVERY_MS) {
        await checkpoint();
        if (!goOn()) return;
      }
      const [item] = await claim(runId, 1, now());
      if (!item) {
        drained = true;
        return;
      }
      await shareOne(item);
    }
  }

  const stopRenewing = renewClaims(runId, inFlight, now);
  try {
    await Promise.all(Array.from({ length: Math.max(1, ctx.concurrency) }, worker));
  } finally {
    stopRenewing();
  }

  const pausedUntil = pauseSeconds > 0 ? new Date(now().getTime() + pauseSeconds * 1000) : undefined;
  await addCounts(runId, counters, { ...(pausedUntil && { pausedUntil }), ...(lastError && { lastError }) });
  if (pausedUntil) return { kind: 'wait', until: pausedUntil };
  if (stoppedByStaff) return { kind: 'stopped', run: stoppedByStaff };
  if (!drained) return { kind: 'continue' };
  return finishIfDone(await db.shareRun.findUniqueOrThrow({ where: { id: runId } }), now());
}
