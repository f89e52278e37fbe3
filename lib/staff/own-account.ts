import 'server-only';
import { beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/login-attempts';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { describeWait } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { StaffRuleError } from '@/lib/staff/manage';

// What each person does to their own account on "My account": a new password, and signing out
// every session at once. Both end every session of the account, this one included.

/**
 * Changes the person's password once their current one is confirmed. A wrong current password
 * counts as a failed sign-in of the account, so a session left open cannot be used to guess it.
 */
export async function changeOwnPassword(userId: string, current: string, next: string, address: string): Promise<void> {
  await confirmOwnPassword(userId, current, address);
  const passwordHash = await hashPassword(next);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, sessionsRevokedAt: new Date(), sessionsRevokedReason: 'PASSWORD_CHANGED' } }),
    db.staffChange.create({ data: { kind: 'PASSWORD_CHANGED', actorId: userId, targetId: userId } }),
  ]);
}

/**
 * Confirms the person's current password before a change to how they sign in (a new password, a
 * passkey). A wrong one counts as a failed sign-in of the account, throttled like any other.
 */
export async function confirmOwnPassword(userId: string, current: string, address: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new StaffRuleError('Your account no longer exists.');
  const attempt = await beginLoginAttempt(user.email, address);
  if (!attempt.allowed) throw new StaffRuleError(`Too many wrong passwords for this account. Wait ${describeWait(attempt.retryAfterSeconds)}, then try again.`);
  const matches = await verifyPassword(current, user.passwordHash);
  await finishLoginAttempt(attempt.attemptId, matches);
  if (!matches) throw new StaffRuleError('Your current password is not right.');
}

/** Ends every session of the account, on every device (a laptop left signed in somewhere). */
export async function signOutEverywhere(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionsRevokedAt: new Date(), sessionsRevokedReason: 'SIGNED_OUT_EVERYWHERE' } });
}
