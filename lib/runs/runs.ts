import 'server-only';
import type { Prisma, ShareRun, ShareSource } from '@/generated/prisma/client';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { sendJob } from '@/lib/jobs/send';
import { freezeRunItems, type RunScope } from '@/lib/runs/selection';

/** A run's job: one slice at a time per run (the queue's stately policy, keyed by the run). */
export function queueRunSlice(runId: string, startAfter?: Date): Promise<string | null> {
  return sendJob('runs.share', { runId }, { singletonKey: runId, ...(startAfter && { startAfter }) });
}

/**
 * Makes a run: freezes the chats its scope covers now (those the index says cannot receive the card
 * are skipped at once, with their reason), then queues it. A scheduled run is made once per number
 * and local day, whatever the number of instances or ticks asking.
 */
export async function createRun(input: {
  createdById: string;
  source: Exclude<ShareSource, 'MANUAL'>;
  scope: RunScope;
  schedule?: { phoneNumber: string; date: string };
}): Promise<ShareRun | null> {
  const now = new Date();
  const cutoff = cooldownCutoff(now, getSettings().shareCooldownMs);
  const run = await db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "ShareRun" ("id", "source", "createdById", "selection", "schedulePhone", "scheduleDate")
      VALUES (${`run_${now.getTime().toString(36)}_${Math.random().toString(36).slice(2, 10)}`}, ${input.source}::"ShareSource", ${input.createdById},
              ${JSON.stringify(input.scope)}::jsonb, ${input.schedule?.phoneNumber ?? null}, ${input.schedule?.date ?? null})
      ON CONFLICT ("schedulePhone", "scheduleDate") DO NOTHING
      RETURNING "id"`;
    const id = inserted[0]?.id;
    if (!id) return null;
    const counts = await freezeRunItems(tx, id, input.scope, cutoff);
    const nothingToDo = counts.total === counts.skipped;
    return tx.shareRun.update({
      where: { id },
      data: { total: counts.total, skipped: counts.skipped, ...(nothingToDo && { status: 'COMPLETED', finishedAt: now }) },
    });
  });
  if (run?.status === 'RUNNING') await queueRunSlice(run.id);
  return run;
}

/** The chats whose share failed in a run (what "Retry the failed ones" would cover). */
export function countFailed(runId: string): Promise<number> {
  return db.shareRunItem.count({ where: { runId, state: 'FAILED' } });
}

export class RunStateError extends Error {
  override name = 'RunStateError';
}

async function transition(runId: string, from: Prisma.ShareRunWhereInput, data: Prisma.ShareRunUpdateInput, refusal: string): Promise<ShareRun> {
  const updated = await db.shareRun.updateMany({ where: { id: runId, ...from }, data });
  if (updated.count === 0) throw new RunStateError(refusal);
  return db.shareRun.findUniqueOrThrow({ where: { id: runId } });
}

/** Staff pause: the shares in flight finish, nothing more starts until resumed. */
export function pauseRun(runId: string): Promise<ShareRun> {
  return transition(runId, { status: 'RUNNING' }, { status: 'PAUSED' }, 'Only a running run can be paused.');
}

export async function resumeRun(runId: string): Promise<ShareRun> {
  const run = await transition(runId, { status: 'PAUSED' }, { status: 'RUNNING' }, 'Only a paused run can be resumed.');
  await queueRunSlice(run.id);
  return run;
}

/** Cancels for good: the chats not shared yet are skipped. Shares in flight finish. */
export async function cancelRun(runId: string): Promise<ShareRun> {
  return db.$transaction(async (tx) => {
    const updated = await tx.shareRun.updateMany({ where: { id: runId, status: { in: ['RUNNING', 'PAUSED'] } }, data: { status: 'CANCELLED', finishedAt: new Date() } });
    if (updated.count === 0) throw new RunStateError('This run has already ended.');
    const skipped = await tx.shareRunItem.updateMany({ where: { runId, state: { in: ['PENDING', 'RETRY'] } }, data: { state: 'SKIPPED', reason: 'cancelled', nextAttemptAt: null } });
    return tx.shareRun.update({ where: { id: runId }, data: { skipped: { increment: skipped.count } } });
  });
}
