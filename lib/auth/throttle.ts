// Sign-in throttling: growing delays rather than a lock-out. A hard lock would let anyone lock any
// account (an admin's included) with a few wrong passwords; delays slow a guesser down to nothing
// while the real owner, whose own address has no failures, waits at most a minute.

/** Failed sign-ins are counted over this window; older ones are forgotten. */
export const THROTTLE_WINDOW_MINUTES = 60;

export interface DelayPolicy {
  /** Failures allowed with no wait at all. */
  free: number;
  /** The wait doubles with each failure beyond the free ones (1 s, 2 s, 4 s…) up to this. */
  maxSeconds: number;
}

/** Per account, whatever the address: the owner's worst case while someone guesses at it. */
export const ACCOUNT_POLICY: DelayPolicy = { free: 5, maxSeconds: 60 };
/**
 * Per client address, whatever the accounts: a guesser's own attempts slow to one per 15 minutes.
 * More free attempts than per account: an office's staff may share one address.
 */
export const ADDRESS_POLICY: DelayPolicy = { free: 20, maxSeconds: 15 * 60 };

export interface FailureHistory {
  /** Failed (or still running) attempts counted for the account, and when the latest was. */
  account: { failures: number; lastAt: Date | undefined };
  address: { failures: number; lastAt: Date | undefined };
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds to wait after the latest failure, given how many there were. */
export function delaySeconds(failures: number, policy: DelayPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxSeconds, 2 ** (failures - policy.free));
}

/** Pure: whether a sign-in attempt may go ahead now, or how long to wait. */
export function throttleVerdict(history: FailureHistory, now: Date): ThrottleVerdict {
  const waitFor = ({ failures, lastAt }: FailureHistory['account'], policy: DelayPolicy) =>
    lastAt ? lastAt.getTime() + delaySeconds(failures, policy) * 1000 - now.getTime() : 0;
  const waitMs = Math.max(waitFor(history.account, ACCOUNT_POLICY), waitFor(history.address, ADDRESS_POLICY));
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
}

/** "40 seconds", "3 minutes": how long to wait, as the sign-in form says it. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** Accounts with at least this many failures in the window are shown to admins as under attack. */
export const UNDER_ATTACK_FAILURES = 10;
