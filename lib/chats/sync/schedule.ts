// When the next full sync is due. Pure, so that the scheduler can be tested with any clock.

/** After a failed sync the next one comes sooner than the interval, but not in a loop. */
export const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

export interface SyncHistory {
  /** A sync is running now (or paused by Linq). */
  running: boolean;
  /** When the last sync ended, whatever its outcome; null when none ever ended (the index is empty). */
  lastFinishedAt: Date | null;
  lastFailed: boolean;
}

export function isSyncDue(history: SyncHistory, now: Date, intervalMs: number): boolean {
  if (history.running) return false;
  if (!history.lastFinishedAt) return true;
  const wait = history.lastFailed ? Math.min(intervalMs, RETRY_AFTER_FAILURE_MS) : intervalMs;
  return now.getTime() - history.lastFinishedAt.getTime() >= wait;
}
