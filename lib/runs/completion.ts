import 'server-only';
import type { ShareRun } from '@/generated/prisma/client';
import { raiseAlert } from '@/lib/alerts/raise';
import { db } from '@/lib/db';
import { runTitle } from '@/lib/runs/phase';

// How a slice ends: the run goes on, waits, or has ended (its figures counted again from its items).

/** How a slice of a run ended. */
export type RunSliceOutcome =
  | { kind: 'continue' }
  /** Nothing to do before then: Linq's pause, or the next retry. */
  | { kind: 'wait'; until: Date }
  /** Completed, or stopped (by staff, or because its owner can no longer share). */
  | { kind: 'stopped'; run: ShareRun };

/**
 * Completes the run once no chat is left to share, with its figures counted again from its items
 * in the same statement: whatever happened before, an ended run's figures are its chats'.
 */
async function completeIfDone(runId: string, now: Date): Promise<ShareRun | null> {
  const [run] = await db.$queryRaw<ShareRun[]>`
    UPDATE "ShareRun" r
       SET "status" = 'COMPLETED', "finishedAt" = ${now}::timestamp, "pausedUntil" = NULL,
           "shared" = c."shared", "refused" = c."refused", "failed" = c."failed", "unknown" = c."unknown", "skipped" = c."skipped"
      FROM (SELECT count(*) FILTER (WHERE "state" = 'SHARED')::int AS "shared",
                   count(*) FILTER (WHERE "state" = 'REFUSED')::int AS "refused",
                   count(*) FILTER (WHERE "state" = 'FAILED')::int AS "failed",
                   count(*) FILTER (WHERE "state" = 'UNKNOWN')::int AS "unknown",
                   count(*) FILTER (WHERE "state" = 'SKIPPED')::int AS "skipped",
                   count(*) FILTER (WHERE "state" IN ('PENDING', 'SENDING', 'RETRY'))::int AS "open"
              FROM "ShareRunItem" WHERE "runId" = ${runId}) c
     WHERE r."id" = ${runId} AND r."status" = 'RUNNING' AND c."open" = 0
     RETURNING r.*`;
  return run ?? null;
}

/** Nothing to claim: the run is done, or waits for a retry's time or for another slice's claims. */
export async function finishIfDone(runId: string, now: Date): Promise<RunSliceOutcome> {
  if (await db.shareRunItem.findFirst({ where: { runId, state: 'PENDING' }, select: { chatId: true } })) return { kind: 'continue' };
  const next = await db.shareRunItem.findFirst({
    where: { runId, state: { in: ['RETRY', 'SENDING'] } },
    orderBy: { nextAttemptAt: { sort: 'asc', nulls: 'first' } },
    select: { nextAttemptAt: true },
  });
  if (next?.nextAttemptAt && next.nextAttemptAt > now) return { kind: 'wait', until: next.nextAttemptAt };
  if (next) return { kind: 'continue' };
  const completed = await completeIfDone(runId, now);
  if (completed) await alertIfNotAllShared(completed);
  return { kind: 'stopped', run: completed ?? (await db.shareRun.findUniqueOrThrow({ where: { id: runId } })) };
}

/** A run that ends with chats it could not share alerts (Settings → Alerts), with its figures and its page. */
async function alertIfNotAllShared(run: ShareRun): Promise<void> {
  const notShared = run.failed + run.refused + run.unknown;
  if (notShared === 0) return;
  const owner = await db.user.findUnique({ where: { id: run.createdById }, select: { name: true } });
  await raiseAlert({
    event: 'RUN_FAILURES',
    key: `run:${run.id}`,
    title: `${runTitle(run, owner?.name ?? 'someone')} ended with ${notShared} of ${run.total} chats not shared`,
    detail: `${run.shared} shared, ${run.failed} failed, ${run.refused} refused by Linq, ${run.unknown} with an unknown outcome (held, not retried), ${run.skipped} skipped. The run's page lists each chat with its reason and offers a retry of the failed ones.`,
    link: `/runs/${run.id}`,
  });
}
