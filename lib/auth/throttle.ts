/** Failed sign-ins are counted over this window; older ones are forgotten. */
export const THROTTLE_WINDOW_MINUTES = 15;
/** An account is locked for the rest of the window after this many failures… */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** …and a client address after this many failures, whatever accounts it tried. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface FailureCounts {
  account: number;
  address: number;
  /** When the oldest failure still counted happened, to tell the person how long to wait. */
  oldestFailureAt: Date | undefined;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/** Pure: decides whether a sign-in attempt may proceed. */
export function throttleVerdict(counts: FailureCounts, now: Date): ThrottleVerdict {
  if (counts.account < MAX_FAILURES_PER_ACCOUNT && counts.address < MAX_FAILURES_PER_ADDRESS) {
    return { allowed: true };
  }
  const windowMs = THROTTLE_WINDOW_MINUTES * 60_000;
  const elapsedMs = counts.oldestFailureAt ? now.getTime() - counts.oldestFailureAt.getTime() : 0;
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((windowMs - elapsedMs) / 60_000)) };
}

/**
 * The address a request came from. Takes the first X-Forwarded-For entry (what a reverse
 * proxy or Next.js itself sets); a client can forge it, which is why accounts are also
 * throttled on their own.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
