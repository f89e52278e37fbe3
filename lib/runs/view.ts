import 'server-only';
import { db } from '@/lib/db';
import { reportLines, type ItemGroupState, type ReportLine } from '@/lib/runs/report';
import type { RunScope } from '@/lib/runs/selection';

/** A run as its page shows it, serialisable (the page polls it as JSON). */
export interface RunView {
  id: string;
  source: 'BULK' | 'SCHEDULED';
  status: 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'COMPLETED';
  createdAt: string;
  finishedAt: string | null;
  startedBy: string;
  scope: RunScope;
  scheduleDate: string | null;
  total: number;
  /** Done: shared, refused, failed, unknown or skipped. */
  done: number;
  counts: { shared: number; refused: number; failed: number; unknown: number; skipped: number; waiting: number };
  /** Linq asked the run to wait (429) until then. */
  pausedUntil: string | null;
  lastError: string | null;
  /** Grouped by outcome and reason; empty while it runs. */
  report: ReportLine[];
  /** When the run last moved: its pace is measured from the start to then. */
  lastActivityAt: string | null;
}

export async function getRunView(runId: string, now = new Date()): Promise<RunView | null> {
  const run = await db.shareRun.findUnique({ where: { id: runId }, include: { createdBy: { select: { name: true } } } });
  if (!run) return null;
  // The report reads every item of the run: made when it stands still, not at every poll of a running one.
  const groups = run.status === 'RUNNING' ? [] : await db.shareRunItem.groupBy({ by: ['state', 'reason'], where: { runId }, _count: { _all: true } });
  const { shared, refused, failed, unknown, skipped, total } = run;
  const done = shared + refused + failed + unknown + skipped;
  return {
    id: run.id,
    source: run.source === 'SCHEDULED' ? 'SCHEDULED' : 'BULK',
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    startedBy: run.createdBy.name,
    scope: run.selection as unknown as RunScope,
    scheduleDate: run.scheduleDate,
    total,
    done,
    counts: { shared, refused, failed, unknown, skipped, waiting: Math.max(0, total - done) },
    pausedUntil: run.pausedUntil && run.pausedUntil > now ? run.pausedUntil.toISOString() : null,
    lastError: run.lastError,
    report: reportLines(groups.map((g) => ({ state: g.state as ItemGroupState, reason: g.reason, count: g._count._all }))),
    lastActivityAt: run.progressAt?.toISOString() ?? null,
  };
}

/** Runs in progress (or paused), newest first: the overview shows their bars. */
export async function activeRunIds(limit = 5): Promise<string[]> {
  const runs = await db.shareRun.findMany({ where: { status: { in: ['RUNNING', 'PAUSED'] } }, orderBy: { createdAt: 'desc' }, take: limit, select: { id: true } });
  return runs.map((run) => run.id);
}
