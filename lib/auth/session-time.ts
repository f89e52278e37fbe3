/** A session ends this long after sign-in, however often its cookie was refreshed since. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The sign-in time a session carries: Unix seconds, with the milliseconds kept as a fraction.
 * Whole seconds were not enough: a password reset or a disabling ends every session signed in
 * before it, and someone signing in within the same second after it (the usual case right after
 * setting a new password) had their new session counted as one of those and was sent back to
 * the sign-in page without a word. Sessions issued before this carry whole seconds and still work.
 */
export function signInTime(now = Date.now()): number {
  return now / 1000;
}

/**
 * Whether a session signed in at `signedInAt` (see signInTime) is still current: younger than the
 * maximum age, and not older than the account's last "end every session" (`sessionsRevokedAt`).
 */
export function sessionIsCurrent(signedInAt: number, sessionsRevokedAt: Date | null, now = Date.now()): boolean {
  if (now / 1000 - signedInAt > SESSION_MAX_AGE_SECONDS) return false;
  return !sessionsRevokedAt || signedInAt * 1000 >= sessionsRevokedAt.getTime();
}
