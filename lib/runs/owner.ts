import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { coversAll, scopeOf } from '@/lib/number-scope';
import { can, type Role } from '@/lib/roles';

// Runs and daily re-shares act in the name of a person: their owner. Someone disabled, no longer
// allowed to share, or no longer given the work's numbers, shares nothing more through them: their runs pause (checked again
// before every slice and every second of one), their schedules stop (checked at every tick), until
// an admin takes them over.

export interface OwnedWorkCounts {
  /** Runs running or paused. */
  runs: number;
  /** Daily re-shares switched on. */
  schedules: number;
  /** Numbers whose automatic share is on. */
  automatic: number;
}

export interface Owner {
  role: Role;
  disabled: boolean;
  limitedToNumbers: boolean;
  numbers: string[];
}

export const OWNER_SELECT = { id: true, name: true, role: true, disabled: true, limitedToNumbers: true, numbers: true } as const;

/** Whether the owner may still share into chats of these numbers (a run's, a schedule's, a rule's). */
export function ownerCanShare(owner: Owner, numbers: readonly string[]): boolean {
  return !owner.disabled && can(owner.role, 'shareCards') && coversAll(scopeOf(owner), numbers);
}

/** Pauses one run whose owner can no longer share. True when it was running. */
export async function pauseForOwner(runId: string): Promise<boolean> {
  const paused = await db.shareRun.updateMany({ where: { id: runId, status: 'RUNNING' }, data: { status: 'PAUSED', pausedReason: 'owner' } });
  return paused.count === 1;
}

/** Pauses every running run of a person (in the transaction that disables or demotes them). */
export async function pauseRunsOf(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const paused = await tx.shareRun.updateMany({ where: { createdById: userId, status: 'RUNNING' }, data: { status: 'PAUSED', pausedReason: 'owner' } });
  return paused.count;
}

/**
 * Pauses a person's running runs that cover a number outside `numbers` (in the transaction that
 * limits them to those): their other runs go on.
 */
export async function pauseRunsOutside(tx: Prisma.TransactionClient, userId: string, numbers: readonly string[]): Promise<number> {
  return tx.$executeRaw`
    UPDATE "ShareRun" SET "status" = 'PAUSED', "pausedReason" = 'owner'
     WHERE "createdById" = ${userId} AND "status" = 'RUNNING' AND NOT ("numbers" <@ ${[...numbers]}::text[])`;
}

/** What a person has going, for the admin's confirmation before disabling or demoting them. */
export async function ownedWork(userIds: string[]): Promise<Map<string, OwnedWorkCounts>> {
  const [runs, schedules, automatic] = await Promise.all([
    db.shareRun.groupBy({ by: ['createdById'], where: { createdById: { in: userIds }, status: { in: ['RUNNING', 'PAUSED'] } }, _count: { _all: true } }),
    db.shareSchedule.groupBy({ by: ['updatedById'], where: { updatedById: { in: userIds }, enabled: true }, _count: { _all: true } }),
    db.autoShareRule.groupBy({ by: ['updatedById'], where: { updatedById: { in: userIds }, enabled: true }, _count: { _all: true } }),
  ]);
  const work = new Map(userIds.map((id) => [id, { runs: 0, schedules: 0, automatic: 0 }]));
  for (const row of runs) work.get(row.createdById)!.runs = row._count._all;
  for (const row of schedules) work.get(row.updatedById)!.schedules = row._count._all;
  for (const row of automatic) work.get(row.updatedById)!.automatic = row._count._all;
  return work;
}
