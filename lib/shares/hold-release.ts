// When a chat held after a share of unknown outcome may be released. Pure.
//
// The share's request was sent at most `latencyMs` before it was settled as unknown, and the
// console gives up on it after SHARE_TIMEOUT_MS; Linq may still carry out a request that reached it
// late. Releasing before the request can no longer be in flight would let a second share through
// right after the first one lands, so a release waits for the time limit and a margin after sending.
import { formatTime } from '@/lib/format';
import { SHARE_TIMEOUT_MS } from '@/lib/linq/limits';

/** Beyond the time limit, for a request Linq received late and is still carrying out. */
export const RELEASE_MARGIN_MS = 60_000;

/** A release's reason, in the operator's words: long enough to mean something, short enough to read. */
export const RELEASE_REASON_LIMITS = { min: 5, max: 300 } as const;

export interface HeldShare {
  createdAt: Date;
  /** When the share was settled as unknown (the console gave up, or found it cut off by a stop). */
  completedAt: Date | null;
  /** How long the console waited for Linq before giving up; null when it was cut off. */
  latencyMs: number | null;
}

/** The earliest moment the hold may be released. */
export function holdReleasableAt(share: HeldShare): Date {
  // Sent no earlier than created, and no later than settled minus the wait that was measured.
  const settledAt = share.completedAt ?? share.createdAt;
  const sentAt = share.latencyMs !== null ? new Date(settledAt.getTime() - share.latencyMs) : settledAt;
  return new Date(Math.max(sentAt.getTime(), share.createdAt.getTime()) + SHARE_TIMEOUT_MS + RELEASE_MARGIN_MS);
}

export function describeTooEarlyRelease(releasableAt: Date): string {
  return `The share may still be on its way to Linq: it can be released from ${formatTime(releasableAt)}, once it can no longer arrive.`;
}
