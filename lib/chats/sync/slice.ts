import 'server-only';
import { Prisma, type ChatSyncRun } from '@/generated/prisma/client';
import { raiseAlert } from '@/lib/alerts/raise';
import { markChatsGone, recordOutboundFailures, recordOutboundReads, upsertChats } from '@/lib/chats/index-store';
import { mapWithConcurrency } from '@/lib/concurrency';
import { db } from '@/lib/db';
import { refreshLines } from '@/lib/lines/store';
import { describeLinqError, LinqError, retryAfter, type LinqGateway } from '@/lib/linq';
import { logger } from '@/lib/observability/log';

// A full sync of the chat index, run as a series of slices (background jobs). Each slice moves the
// run forward from its checkpoint in ChatSyncRun and stops after a few minutes, when its job is
// asked to stop, or when Linq answers 429; the next slice picks up where it stood. So a crash or a
// restart loses at most the page in hand, never the crawl.

export type SyncPhase = 'lines' | 'crawl' | 'confirm_gone' | 'messages' | 'done';

/** Chats per page of GET /v3/chats (Linq's maximum). */
export const CRAWL_PAGE_SIZE = 100;
/** Chats asked about by id per step (a complete listing rarely misses many). */
const CONFIRM_BATCH = 50;
/**
 * Chats whose messages are read per step: large enough that the reads keep every slot busy (a step
 * waits for its slowest read), small enough that a step is a checkpoint every few seconds.
 */
const READ_BATCH = 200;
export interface SliceContext {
  linq: LinqGateway;
  /** Aborted when the job must stop (shutdown, lost claim): the slice ends at the next checkpoint. */
  signal?: AbortSignal;
  /** The slice ends after this long, and the run continues in the next one. */
  budgetMs: number;
  /** Messages of this many chats are read at the same time. */
  readConcurrency: number;
  now?: () => Date;
}

export type SliceOutcome = { kind: 'continue'; run: ChatSyncRun } | { kind: 'paused'; until: Date; run: ChatSyncRun } | { kind: 'finished'; run: ChatSyncRun };

class LinqPause extends Error {
  constructor(readonly until: Date) {
    super(`Linq asked to wait until ${until.toISOString()}`);
  }
}

function pauseFor(error: unknown, now: Date): LinqPause | null {
  const until = retryAfter(error, now);
  return until ? new LinqPause(until) : null;
}

function describe(error: unknown): string {
  if (error instanceof LinqError) {
    const described = describeLinqError(error.facts());
    return `${described.message}${error.traceId ? ` (trace ${error.traceId})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

interface SortedReads<T> {
  read: Array<{ id: string; value: T }>;
  /** Linq answered 404: it has no such chat. */
  gone: string[];
  /** Failed otherwise: tried again by the next sync. */
  failed: string[];
  /** Linq asked to wait (429): the sync pauses once this batch is recorded. */
  pause: LinqPause | null;
  lastError?: string;
}

/** What a batch of reads (one per chat, in the order of `chats`) gave. */
function sortReads<T>(chats: Array<{ id: string }>, results: Array<PromiseSettledResult<T>>, now: Date): SortedReads<T> {
  const sorted: SortedReads<T> = { read: [], gone: [], failed: [], pause: null };
  results.forEach((result, index) => {
    const id = chats[index]!.id;
    if (result.status === 'fulfilled') return void sorted.read.push({ id, value: result.value });
    const error: unknown = result.reason;
    if (error instanceof LinqError && error.status === 404) return void sorted.gone.push(id);
    const wait = pauseFor(error, now);
    if (wait) return void (sorted.pause ??= wait);
    sorted.failed.push(id);
    sorted.lastError = describe(error);
  });
  return sorted;
}

async function advance(run: ChatSyncRun, data: Prisma.ChatSyncRunUpdateInput): Promise<ChatSyncRun> {
  return db.chatSyncRun.update({ where: { id: run.id }, data: { ...data, progressAt: new Date() } });
}

/** Lines and their cards first: eligibility needs each line's card. */
async function syncLines(run: ChatSyncRun, ctx: SliceContext): Promise<ChatSyncRun> {
  await refreshLines(ctx.linq);
  return advance(run, { phase: 'crawl' });
}

/** One page of GET /v3/chats, written to the index; the cursor is saved with it. */
async function crawlPage(run: ChatSyncRun, ctx: SliceContext): Promise<ChatSyncRun> {
  const listedAt = run.startedAt;
  const page = await ctx.linq.listChats({ limit: CRAWL_PAGE_SIZE, cursor: run.cursor ?? undefined });
  const summary = await upsertChats(page.items, listedAt);
  if (page.nextCursor === null) await analyzeAfterGrowth(run.chatsNew + summary.created, run.chatsSeen + page.items.length);
  return advance(run, {
    cursor: page.nextCursor,
    pages: { increment: 1 },
    chatsSeen: { increment: page.items.length },
    chatsNew: { increment: summary.created },
    chatsChanged: { increment: summary.changed },
    ...(page.nextCursor === null && { phase: 'confirm_gone' }),
  });
}

/**
 * A crawl that added a tenth of the index or more (a first sync: all of it) leaves the planner's
 * statistics describing a much smaller table until autovacuum catches up (it may be off, or a minute
 * away): the message reads' query would then sort every unknown chat for each batch instead of
 * walking its index. ANALYZE reads a sample, about a second at a million chats.
 */
async function analyzeAfterGrowth(created: number, seen: number): Promise<void> {
  if (created * 10 < seen) return;
  try {
    await db.$executeRawUnsafe('ANALYZE "Chat"');
  } catch (error) {
    // Without the right to ANALYZE (a role that does not own the table), autovacuum does it later.
    logger('sync').warn({ err: error }, 'could not analyze the chat index after the crawl');
  }
}

/**
 * Chats the complete crawl did not list: each is asked for by id, so that a chat the listing
 * skipped (the list's order moved while it was read) is not mistaken for a deleted one. Only a
 * 404 marks a chat gone.
 */
async function confirmGone(run: ChatSyncRun, ctx: SliceContext): Promise<ChatSyncRun> {
  const candidates = await db.chat.findMany({
    where: { goneAt: null, firstSeenAt: { lt: run.startedAt }, OR: [{ lastListedAt: null }, { lastListedAt: { lt: run.startedAt } }] },
    select: { id: true },
    take: CONFIRM_BATCH,
  });
  if (candidates.length === 0) return advance(run, { phase: 'messages' });
  const results = await mapWithConcurrency(candidates, ctx.readConcurrency, (chat) => ctx.linq.getChat(chat.id));
  const now = ctx.now?.() ?? new Date();
  const { read, gone, failed: unsure, pause, lastError } = sortReads(candidates, results, now);
  await upsertChats(
    read.map((chat) => chat.value),
    run.startedAt,
  );
  // Not confirmed either way: kept, and looked at again by the next sync.
  if (unsure.length > 0) await db.chat.updateMany({ where: { id: { in: unsure } }, data: { lastListedAt: run.startedAt } });
  const marked = await markChatsGone(gone, now);
  const next = await advance(run, { chatsGone: { increment: marked }, errors: { increment: unsure.length }, ...(lastError && { lastError }) });
  if (pause) throw pause;
  return next;
}

/** The messages phase's cursor, "<activityAt ISO>|<id>" of the last chat read; null from the top. */
function parseReadCursor(cursor: string | null): { at: Date; id: string } | null {
  const split = cursor?.indexOf('|') ?? -1;
  if (!cursor || split < 0) return null;
  const at = new Date(cursor.slice(0, split));
  return Number.isNaN(at.getTime()) ? null : { at, id: cursor.slice(split + 1) };
}

/**
 * Reads the messages of chats whose outbound presence is unknown (or only asserted by a webhook),
 * most recently active first, a bounded number at a time. A chat whose messages cannot be read is
 * skipped until the next run.
 */
async function readUnknownOutbound(run: ChatSyncRun, ctx: SliceContext): Promise<ChatSyncRun> {
  // Unknown chats, and chats only a webhook said the business wrote in (not read since): the
  // messages are the authority, so a full sync corrects what an event claimed. Each kind is taken in
  // activity order from its own index, then the two are merged, below the last chat read (the run's
  // cursor in this phase): each batch starts where the last one ended, whatever the planner's
  // statistics say, instead of walking past every chat already read.
  const notFailed = Prisma.sql`"goneAt" IS NULL AND ("outboundFailedAt" IS NULL OR "outboundFailedAt" < ${run.startedAt}::timestamp)`;
  const last = parseReadCursor(run.cursor);
  const below = last ? Prisma.sql`AND ("activityAt", "id") < (${last.at}::timestamp, ${last.id})` : Prisma.empty;
  const chats = await db.$queryRaw<Array<{ id: string; activityAt: Date }>>`
    SELECT "id", "activityAt" FROM (
      (SELECT "id", "activityAt" FROM "Chat"
        WHERE "outbound" = 'UNKNOWN' AND ${notFailed} ${below}
        ORDER BY "activityAt" DESC, "id" DESC LIMIT ${READ_BATCH})
      UNION ALL
      (SELECT "id", "activityAt" FROM "Chat"
        WHERE "outbound" = 'YES' AND "outboundSource" = 'WEBHOOK' AND ${notFailed} ${below}
          AND ("outboundCheckedAt" IS NULL OR ("outboundCheckedAt" < "outboundSince" AND "outboundCheckedAt" < ${run.startedAt}::timestamp))
        ORDER BY "activityAt" DESC, "id" DESC LIMIT ${READ_BATCH})
    ) due
    ORDER BY "activityAt" DESC, "id" DESC
    LIMIT ${READ_BATCH}`;
  // Nothing below the cursor: once more from the top, for chats whose activity moved them above it meanwhile.
  if (chats.length === 0) return last ? advance(run, { cursor: null }) : finish(run, 'COMPLETED');
  const checkedAt = ctx.now?.() ?? new Date();
  const results = await mapWithConcurrency(chats, ctx.readConcurrency, (chat) => ctx.linq.readOutbound(chat.id));
  const sorted = sortReads(chats, results, checkedAt);
  const { pause, lastError } = sorted;
  // (A chat whose messages Linq cannot find is left for the gone check of the next sync.)
  const failed = [...sorted.failed, ...sorted.gone];
  const reads = sorted.read.map((one) => ({ chatId: one.id, facts: one.value }));
  await recordOutboundReads(reads, checkedAt);
  await recordOutboundFailures(failed, checkedAt);
  const end = chats[chats.length - 1]!;
  const next = await advance(run, {
    cursor: `${end.activityAt.toISOString()}|${end.id}`,
    messagesRead: { increment: reads.length },
    errors: { increment: failed.length },
    ...(lastError && { lastError }),
  });
  if (pause) throw pause;
  return next;
}

async function finish(run: ChatSyncRun, status: 'COMPLETED' | 'FAILED', lastError?: string): Promise<ChatSyncRun> {
  const finishedAt = new Date();
  const finished = await advance(run, {
    status,
    phase: 'done',
    finishedAt,
    durationMs: finishedAt.getTime() - run.startedAt.getTime(),
    pausedUntil: null,
    ...(lastError && { lastError }),
  });
  if (status === 'FAILED') await alertIfFailingTwice(finished);
  return finished;
}

/**
 * The second failure in a row alerts (Settings → Alerts), once per streak: the streak's first
 * failed run names the alert, so a third failure does not alert again.
 */
async function alertIfFailingTwice(run: ChatSyncRun): Promise<void> {
  const latest = await db.chatSyncRun.findMany({
    where: { status: { in: ['COMPLETED', 'FAILED'] } },
    orderBy: [{ finishedAt: 'desc' }, { startedAt: 'desc' }],
    take: 3,
    select: { id: true, status: true },
  });
  const [last, before, earlier] = latest;
  if (last?.id !== run.id || before?.status !== 'FAILED' || earlier?.status === 'FAILED') return;
  await raiseAlert({
    event: 'SYNC_FAILING',
    key: `sync-failing:${before.id}`,
    title: 'The full sync of the chat index failed twice in a row',
    detail: `${run.lastError ?? 'No reason was recorded.'} Until a sync completes, chats, their eligibility and the counts stay as last read. Settings shows each sync and its error; Sync now tries again.`,
    link: '/settings',
  });
}

const STEPS: Record<Exclude<SyncPhase, 'done'>, (run: ChatSyncRun, ctx: SliceContext) => Promise<ChatSyncRun>> = {
  lines: syncLines,
  crawl: crawlPage,
  confirm_gone: confirmGone,
  messages: readUnknownOutbound,
};

/**
 * Moves the run forward from its checkpoint until it ends, the slice's time is up, the job is asked
 * to stop, or Linq asks to wait. A failure Linq will not get over (a bad API key) ends the run as
 * failed; others are thrown, and the job is retried from the checkpoint.
 */
export async function runSyncSlice(runId: string, ctx: SliceContext): Promise<SliceOutcome> {
  const now = () => ctx.now?.() ?? new Date();
  let run = await db.chatSyncRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.status !== 'RUNNING') return { kind: 'finished', run };
  if (run.pausedUntil && run.pausedUntil > now()) return { kind: 'paused', until: run.pausedUntil, run };
  if (run.pausedUntil) run = await advance(run, { pausedUntil: null });

  const deadline = Date.now() + ctx.budgetMs;
  try {
    // At least one step per slice, then as many as the time allows.
    while (run.status === 'RUNNING' && run.phase !== 'done') {
      if (ctx.signal?.aborted) return { kind: 'continue', run };
      run = await STEPS[run.phase as Exclude<SyncPhase, 'done'>](run, ctx);
      if (run.status === 'RUNNING' && Date.now() >= deadline) return { kind: 'continue', run };
    }
    return { kind: 'finished', run };
  } catch (error) {
    if (error instanceof LinqPause) {
      run = await advance(run, { pausedUntil: error.until, lastError: 'Linq asked the console to slow down (429); the sync waits as asked.' });
      return { kind: 'paused', until: error.until, run };
    }
    if (error instanceof LinqError && (error.status === 401 || error.status === 403)) {
      run = await finish(run, 'FAILED', describe(error));
      return { kind: 'finished', run };
    }
    const wait = pauseFor(error, now());
    if (wait) {
      run = await advance(run, { pausedUntil: wait.until, lastError: 'Linq asked the console to slow down (429); the sync waits as asked.' });
      return { kind: 'paused', until: wait.until, run };
    }
    await advance(run, { errors: { increment: 1 }, lastError: describe(error) });
    throw error;
  }
}

/** Counts a slice retried after its job was cut off (a crash, a kill): the run resumes from its checkpoint. */
export async function recordSyncResume(runId: string): Promise<void> {
  await db.chatSyncRun.updateMany({ where: { id: runId, status: 'RUNNING' }, data: { resumes: { increment: 1 } } });
}

/** Ends a run that cannot go on (its job failed for good). */
export async function abandonSyncRun(runId: string, reason: string): Promise<void> {
  const run = await db.chatSyncRun.findUnique({ where: { id: runId } });
  if (run?.status === 'RUNNING') await finish(run, 'FAILED', reason);
}
