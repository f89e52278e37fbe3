import 'server-only';
import type { Prisma, ShareRun, ShareSource } from '@/generated/prisma/client';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import type { NumberScope } from '@/lib/number-scope';
import { queueRunSlice } from '@/lib/queue/send';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { freezeRunItems, type RunScope } from '@/lib/runs/selection';

/** Bulk runs one person may have running or paused at once: more would only compete for Linq's limits. */
export const MAX_ACTIVE_RUNS_PER_PERSON = 3;

export class RunStateError extends Error {
  override name = 'RunStateError';
}

export interface NewRun {
  createdById: string;
  /** The numbers of the person who makes it (their scope): the run covers chats of those only. */
  numbers: NumberScope;
  source: Exclude<ShareSource, 'MANUAL'>;
  scope: RunScope;
  schedule?: { phoneNumber: string; date: string };
}

/**
 * Writes a run and freezes the chats its scope covers now (those the index says cannot receive the
 * card, and those a run in progress still has to reach, are skipped at once with their reason).
 * Null when the number's run for that day already exists. A run with nothing to share is completed.
 * A retry run is made once per run it retries.
 */
export async function insertRun(tx: Prisma.TransactionClient, input: NewRun, now: Date): Promise<ShareRun | null> {
  if (input.source === 'BULK') await assertBelowRunLimit(tx, input.createdById);
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "ShareRun" ("id", "source", "createdById", "selection", "schedulePhone", "scheduleDate")
    VALUES (${`run_${now.getTime().toString(36)}_${Math.random().toString(36).slice(2, 10)}`}, ${input.source}::"ShareSource", ${input.createdById},
            ${JSON.stringify(input.scope)}::jsonb, ${input.schedule?.phoneNumber ?? null}, ${input.schedule?.date ?? null})
    ON CONFLICT ("schedulePhone", "scheduleDate") DO NOTHING
    RETURNING "id"`;
  const id = inserted[0]?.id;
  if (!id) return null;
  if (input.scope.kind === 'retry') await markRetried(tx, input.scope.fromRunId, id);
  const counts = await freezeRunItems(tx, id, input.scope, cooldownCutoff(now, getSettings().shareCooldownMs), input.numbers);
  const nothingToDo = counts.total === counts.skipped;
  // A daily re-share's run is about its number even on a day it finds no chat.
  const numbers = [...new Set([...counts.numbers, ...(input.schedule ? [input.schedule.phoneNumber] : [])])].sort();
  return tx.shareRun.update({
    where: { id },
    data: { total: counts.total, skipped: counts.skipped, numbers, ...(nothingToDo && { status: 'COMPLETED', finishedAt: now }) },
  });
}

/** Makes a run (insertRun) and queues its first slice. */
export async function createRun(input: NewRun): Promise<ShareRun | null> {
  const run = await db.$transaction((tx) => insertRun(tx, input, new Date()));
  if (run?.status === 'RUNNING') await queueRunSlice(run.id);
  return run;
}

/** A person's bulk runs in progress, counted under a lock on them so that two starts at once cannot both pass. */
async function assertBelowRunLimit(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const active = await tx.shareRun.count({ where: { createdById: userId, source: 'BULK', status: { in: ['RUNNING', 'PAUSED'] } } });
  if (active >= MAX_ACTIVE_RUNS_PER_PERSON) {
    throw new RunStateError(
      `You already have ${active} bulk runs in progress or paused, the most one person may have at once. Wait for one to end, or cancel one, then start this one.`,
    );
  }
}

/** "Retry the failed ones" is made once per run: the first request links the retry run, the others are refused. */
async function markRetried(tx: Prisma.TransactionClient, fromRunId: string, retryRunId: string): Promise<void> {
  const marked = await tx.shareRun.updateMany({
    where: { id: fromRunId, retriedByRunId: null, status: { in: ['COMPLETED', 'CANCELLED'] } },
    data: { retriedByRunId: retryRunId },
  });
  if (marked.count === 0) throw new RunStateError('The failed chats of this run were already tried again in another run.');
}

/** The chats whose share failed in a run (what "Retry the failed ones" would cover). */
export function countFailed(runId: string): Promise<number> {
  return db.shareRunItem.count({ where: { runId, state: 'FAILED' } });
}

async function transition(runId: string, from: Prisma.ShareRunWhereInput, data: Prisma.ShareRunUpdateInput, refusal: string): Promise<ShareRun> {
  const updated = await db.shareRun.updateMany({ where: { id: runId, ...from }, data });
  if (updated.count === 0) throw new RunStateError(refusal);
  return db.shareRun.findUniqueOrThrow({ where: { id: runId } });
}

/** Staff pause: the shares in flight finish, nothing more starts until resumed. */
export function pauseRun(runId: string): Promise<ShareRun> {
  return transition(runId, { status: 'RUNNING' }, { status: 'PAUSED', pausedReason: 'staff' }, 'Only a running run can be paused.');
}

/** Resumes where it stood, unless its owner can no longer share (an admin takes it over first). */
export async function resumeRun(runId: string): Promise<ShareRun> {
  const current = await db.shareRun.findUnique({ where: { id: runId }, include: { createdBy: { select: OWNER_SELECT } } });
  if (current && !ownerCanShare(current.createdBy, current.numbers)) {
    throw new RunStateError(`${current.createdBy.name}, who started it, can no longer share: an admin must take it over before it can resume.`);
  }
  const run = await transition(runId, { status: 'PAUSED' }, { status: 'RUNNING', pausedReason: null }, 'Only a paused run can be resumed.');
  await queueRunSlice(run.id);
  return run;
}

/** Cancels for good: the chats not shared yet are skipped; shares in flight finish. The figures are its items'. */
export async function cancelRun(runId: string): Promise<ShareRun> {
  return db.$transaction(async (tx) => {
    const updated = await tx.shareRun.updateMany({
      where: { id: runId, status: { in: ['RUNNING', 'PAUSED'] } },
      data: { status: 'CANCELLED', finishedAt: new Date(), pausedReason: null },
    });
    if (updated.count === 0) throw new RunStateError('This run has already ended.');
    await tx.shareRunItem.updateMany({
      where: { runId, state: { in: ['PENDING', 'RETRY'] } },
      data: { state: 'SKIPPED', reason: 'cancelled', nextAttemptAt: null },
    });
    const counts = await tx.shareRunItem.groupBy({ by: ['state'], where: { runId }, _count: { _all: true } });
    const of = (state: string) => counts.find((c) => c.state === state)?._count._all ?? 0;
    return tx.shareRun.update({
      where: { id: runId },
      data: { shared: of('SHARED'), refused: of('REFUSED'), failed: of('FAILED'), unknown: of('UNKNOWN'), skipped: of('SKIPPED') },
    });
  });
}

/**
 * An admin takes over a run whose owner can no longer share: it goes on in the admin's name once
 * resumed. Recorded (who, from whom) in History → Settings changes.
 */
export async function takeOverRun(runId: string, adminId: string): Promise<ShareRun> {
  return db.$transaction(async (tx) => {
    const run = await tx.shareRun.findUnique({ where: { id: runId }, include: { createdBy: { select: OWNER_SELECT } } });
    if (!run || (run.status !== 'RUNNING' && run.status !== 'PAUSED')) throw new RunStateError('This run has already ended.');
    if (ownerCanShare(run.createdBy, run.numbers)) throw new RunStateError(`${run.createdBy.name}, who started it, can still share: it stays theirs.`);
    const moved = await tx.shareRun.updateMany({ where: { id: runId, createdById: run.createdById }, data: { createdById: adminId } });
    if (moved.count === 0) throw new RunStateError('Someone else took it over meanwhile.');
    await tx.settingsChange.create({
      data: {
        kind: 'RUN_TAKEN_OVER',
        actorId: adminId,
        subject: runId,
        before: { ownerId: run.createdById, owner: run.createdBy.name },
        after: { ownerId: adminId },
      },
    });
    return tx.shareRun.findUniqueOrThrow({ where: { id: runId } });
  });
}
