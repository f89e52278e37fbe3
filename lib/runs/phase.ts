// What a run is doing right now, as one state with its reason. Pure: the run page, its badge and
// History's Runs tab all say the same thing.
import type { RunStatus } from '@/generated/prisma/enums';

export type RunPhase =
  | { kind: 'running' }
  /** Linq answered 429: nothing moves until then. */
  | { kind: 'paused_by_linq'; until: string }
  /** Only chats waiting for their retry are left; the earliest is due then. */
  | { kind: 'retrying'; chats: number; at: string; reason: string | null }
  | { kind: 'paused_by_staff' }
  /** Its owner was disabled or can no longer share: an admin takes it over. */
  | { kind: 'paused_for_owner'; owner: string }
  | { kind: 'completed' }
  | { kind: 'cancelled' };

export interface PhaseFacts {
  status: RunStatus;
  pausedUntil: Date | null;
  pausedReason: string | null;
  owner: string;
  /** Chats waiting their turn or being shared now. */
  moving: number;
  /** Chats waiting for a retry: how many, the earliest due, and the reason of the last failure. */
  retries: { chats: number; at: Date | null; reason: string | null };
}

export function runPhase(facts: PhaseFacts, now: Date): RunPhase {
  switch (facts.status) {
    case 'COMPLETED':
      return { kind: 'completed' };
    case 'CANCELLED':
      return { kind: 'cancelled' };
    case 'PAUSED':
      return facts.pausedReason === 'owner' ? { kind: 'paused_for_owner', owner: facts.owner } : { kind: 'paused_by_staff' };
    case 'RUNNING':
      if (facts.pausedUntil && facts.pausedUntil > now) return { kind: 'paused_by_linq', until: facts.pausedUntil.toISOString() };
      if (facts.moving === 0 && facts.retries.chats > 0 && facts.retries.at && facts.retries.at > now) {
        return { kind: 'retrying', chats: facts.retries.chats, at: facts.retries.at.toISOString(), reason: facts.retries.reason };
      }
      return { kind: 'running' };
  }
}

/** Whether the run can move now: its pace and time left mean something only then. */
export function isMoving(phase: RunPhase): boolean {
  return phase.kind === 'running';
}

export const PHASE_LABELS: Record<RunPhase['kind'], string> = {
  running: 'Running',
  paused_by_linq: 'Paused by Linq',
  retrying: 'Waiting to retry',
  paused_by_staff: 'Paused',
  paused_for_owner: 'Paused: owner can no longer share',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** A run's state from its row alone (History's list, where its items are not read). */
export function listedPhase(run: Pick<PhaseFacts, 'status' | 'pausedUntil' | 'pausedReason' | 'owner'>, now: Date): RunPhase['kind'] {
  return runPhase({ ...run, moving: 1, retries: { chats: 0, at: null, reason: null } }, now).kind;
}

/** "Bulk share by Olive Operator", "Daily re-share of +14155550100 for 2026-12-01 (set up by Olive Operator)". */
export function runTitle(run: { source: string; schedulePhone: string | null; scheduleDate: string | null }, owner: string): string {
  if (run.source !== 'SCHEDULED') return `Bulk share by ${owner}`;
  return `Daily re-share${run.schedulePhone ? ` of ${run.schedulePhone}` : ''}${run.scheduleDate ? ` for ${run.scheduleDate}` : ''} (set up by ${owner})`;
}
