import { THROTTLE_WINDOW_MINUTES, throttleVerdict, UNDER_ATTACK_FAILURES, type FailureHistory, type ThrottleVerdict } from '@/lib/auth/throttle';
import { db } from '@/lib/db';

export type AttemptStart = { allowed: true; attemptId: bigint } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides whether a sign-in attempt may go ahead and, if so, records it as running, in one step:
 * attempts for the same account (and the same address) take turns under advisory locks, and an
 * attempt still being checked counts as a failure for the next one. So 40 guesses sent at once get
 * exactly the free attempts, not 40 checks against a count none of them has updated yet.
 */
export async function beginLoginAttempt(email: string, address: string, now = new Date()): Promise<AttemptStart> {
  return db.$transaction(async (tx) => {
    // Account first, address second, always: two attempts cannot wait on each other in a cycle.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:account:${email}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:address:${address}`}))`;
    const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    // A successful sign-in clears the account's earlier failures. Only password attempts count:
    // single sign-on is throttled by the company's provider, not here.
    const lastSuccess = await tx.loginAttempt.findFirst({
      where: { email, method: 'PASSWORD', succeeded: true, createdAt: { gte: windowStart } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    const notSucceeded = { method: 'PASSWORD' as const, OR: [{ succeeded: false }, { succeeded: null }] };
    const [accountFailures, addressFailures] = await Promise.all([
      tx.loginAttempt.aggregate({
        where: { email, ...notSucceeded, createdAt: { gt: lastSuccess?.createdAt ?? windowStart } },
        _count: true,
        _max: { createdAt: true },
      }),
      tx.loginAttempt.aggregate({ where: { address, ...notSucceeded, createdAt: { gte: windowStart } }, _count: true, _max: { createdAt: true } }),
    ]);
    const history: FailureHistory = {
      account: { failures: accountFailures._count, lastAt: accountFailures._max.createdAt ?? undefined },
      address: { failures: addressFailures._count, lastAt: addressFailures._max.createdAt ?? undefined },
    };
    const verdict: ThrottleVerdict = throttleVerdict(history, now);
    if (!verdict.allowed) return verdict;
    const attempt = await tx.loginAttempt.create({ data: { email, address, succeeded: null, createdAt: now }, select: { id: true } });
    return { allowed: true, attemptId: attempt.id };
  });
}

/** Attempts are kept this long (the throttle needs only an hour; the rest is for investigations). */
const KEEP_ATTEMPTS_DAYS = 30;

export async function finishLoginAttempt(attemptId: bigint, succeeded: boolean): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded } });
  // Successful sign-ins are rare enough to do the housekeeping: the table never grows without end.
  if (succeeded) {
    await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_ATTEMPTS_DAYS * 86_400_000) } } });
  }
}

export interface AccountUnderAttack {
  email: string;
  failures: number;
  addresses: number;
  lastAt: Date;
}

/** Staff accounts with many failed sign-ins in the last hour, for the notice on the Staff page. */
export async function accountsUnderAttack(now = new Date()): Promise<AccountUnderAttack[]> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  return db.$queryRaw<AccountUnderAttack[]>`
    SELECT a."email", count(*)::int AS failures, count(DISTINCT a."address")::int AS addresses, max(a."createdAt") AS "lastAt"
      FROM "LoginAttempt" a JOIN "User" u ON u."email" = a."email"
     WHERE a."succeeded" IS NOT TRUE AND a."method" = 'PASSWORD' AND a."createdAt" >= ${since}::timestamp
     GROUP BY a."email"
    HAVING count(*) >= ${UNDER_ATTACK_FAILURES}
     ORDER BY failures DESC
     LIMIT 20`;
}

/** A sign-in through single sign-on, recorded beside password attempts (it never slows anyone down). */
export async function recordSsoSignIn(email: string, address: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, address, succeeded, method: 'SSO' } });
}

/** An attempt that is neither a success nor a failure: the password was right, the code is still to come. */
export async function abandonLoginAttempt(attemptId: bigint): Promise<void> {
  await db.loginAttempt.delete({ where: { id: attemptId } });
}
