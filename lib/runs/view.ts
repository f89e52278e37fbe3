import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { coversAll, numbersWithin, type NumberScope } from '@/lib/number-scope';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { runPhase, type RunPhase } from '@/lib/runs/phase';
import { reportLines, type ItemGroupState, type ReportLine } from '@/lib/runs/report';
import type { RunScope } from '@/lib/runs/selection';

/** A run as its page shows it, serialisable (the page polls it as JSON). */
export interface RunView {
  id: string;
  source: 'BULK' | 'SCHEDULED';
  status: 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'COMPLETED';
  /** What it is doing now, with its reason. */
  phase: RunPhase;
  createdAt: string;
  finishedAt: string | null;
  /** Who started it (a bulk share) or set up the daily re-share it belongs to, and whether they may still share. */
  owner: { name: string; canShare: boolean };
  scope: RunScope;
  schedulePhone: string | null;
  scheduleDate: string | null;
  total: number;
  /** Done: shared, refused, failed, unknown or skipped. */
  done: number;
  counts: { shared: number; refused: number; failed: number; unknown: number; skipped: number; waiting: number };
  lastError: string | null;
  /** Grouped by outcome and reason; empty while it runs. */
  report: ReportLine[];
  /** The run "Retry the failed ones" made from this one. */
  retriedByRunId: string | null;
  /** When the run last moved: its pace is measured from the start to then. */
  lastActivityAt: string | null;
}

/** The chats a running run still has to move, and those waiting for a retry (read only while it runs). */
async function movingItems(runId: string) {
  const [moving, retries, latest] = await Promise.all([
    db.shareRunItem.count({ where: { runId, state: { in: ['PENDING', 'SENDING'] } } }),
    db.shareRunItem.aggregate({ where: { runId, state: 'RETRY' }, _count: { _all: true }, _min: { nextAttemptAt: true } }),
    db.shareRunItem.findFirst({ where: { runId, state: 'RETRY' }, orderBy: { updatedAt: 'desc' }, select: { reason: true } }),
  ]);
  return { moving, retries: { chats: retries._count._all, at: retries._min.nextAttemptAt, reason: latest?.reason ?? null } };
}

/** Linq's page for each Linq code among the run's outcomes, from the shares that met it. */
async function docUrls(runId: string): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<Array<{ reason: string; docUrl: string }>>`
    SELECT i."reason", max(e."docUrl") AS "docUrl"
      FROM "ShareRunItem" i JOIN "ShareEvent" e ON e."id" = i."eventId"
     WHERE i."runId" = ${runId} AND i."reason" LIKE 'linq\\_%' AND e."docUrl" IS NOT NULL
     GROUP BY 1`;
  return new Map(rows.map((row) => [row.reason, row.docUrl]));
}

/**
 * Whether a person with this scope may see a run: every chat it covers is of one of their numbers.
 * A run of another number answers as one that does not exist.
 */
export async function runWithinScope(runId: string, scope: NumberScope): Promise<boolean> {
  const run = await db.shareRun.findUnique({ where: { id: runId }, select: { numbers: true } });
  return run !== null && coversAll(scope, run.numbers);
}

/** A run as its page shows it; null when there is none, or none the scope may see. */
export async function readRunView(runId: string, scope: NumberScope, now = new Date()): Promise<RunView | null> {
  const run = await db.shareRun.findUnique({ where: { id: runId }, include: { createdBy: { select: OWNER_SELECT } } });
  if (!run || !coversAll(scope, run.numbers)) return null;
  const running = run.status === 'RUNNING';
  // The report reads every item of the run: made when it stands still, not at every poll of a running one.
  const [groups, urls, items] = await Promise.all([
    running ? [] : db.shareRunItem.groupBy({ by: ['state', 'reason'], where: { runId }, _count: { _all: true } }),
    running ? new Map<string, string>() : docUrls(runId),
    running ? movingItems(runId) : { moving: 0, retries: { chats: 0, at: null, reason: null } },
  ]);
  const { shared, refused, failed, unknown, skipped, total } = run;
  const done = shared + refused + failed + unknown + skipped;
  return {
    id: run.id,
    source: run.source === 'SCHEDULED' ? 'SCHEDULED' : 'BULK',
    status: run.status,
    phase: runPhase({ status: run.status, pausedUntil: run.pausedUntil, pausedReason: run.pausedReason, owner: run.createdBy.name, ...items }, now),
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    owner: { name: run.createdBy.name, canShare: ownerCanShare(run.createdBy, run.numbers) },
    scope: run.selection as unknown as RunScope,
    schedulePhone: run.schedulePhone,
    scheduleDate: run.scheduleDate,
    total,
    done,
    counts: { shared, refused, failed, unknown, skipped, waiting: Math.max(0, total - done) },
    lastError: run.lastError,
    report: reportLines(
      groups.map((g) => ({ state: g.state as ItemGroupState, reason: g.reason, count: g._count._all })),
      urls,
    ),
    retriedByRunId: run.retriedByRunId,
    lastActivityAt: run.progressAt?.toISOString() ?? null,
  };
}

/** Runs in progress (or paused) the scope may see, newest first: the overview shows their bars. */
export async function activeRunIds(scope: NumberScope, limit = 5): Promise<string[]> {
  const runs = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r."id" FROM "ShareRun" r
     WHERE r."status" IN ('RUNNING', 'PAUSED') AND ${numbersWithin(scope, Prisma.sql`r."numbers"`)}
     ORDER BY r."createdAt" DESC, r."id" DESC
     LIMIT ${limit}`;
  return runs.map((run) => run.id);
}
