/** How long a share waits for Linq before its outcome is unknown (and the request is abandoned). */
export const SHARE_TIMEOUT_MS = 20_000;

/** A 429 without a Retry-After: wait this long. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Seconds Linq asked to wait (its Retry-After), or the default when it did not say. */
export function waitSeconds(facts: { retryAfterSeconds?: number }): number {
  return facts.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
}
