import { db } from '@/lib/db';
import { THROTTLE_WINDOW_MINUTES, throttleVerdict, type ThrottleVerdict } from '@/lib/auth/throttle';

export async function checkLoginThrottle(email: string, address: string, now = new Date()): Promise<ThrottleVerdict> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  // A successful sign-in clears the account's earlier failures.
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, succeeded: true, createdAt: { gte: windowStart } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const accountSince = lastSuccess?.createdAt ?? windowStart;
  const [accountFailures, addressFailures, oldest] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gt: accountSince } } }),
    db.loginAttempt.count({ where: { address, succeeded: false, createdAt: { gte: windowStart } } }),
    db.loginAttempt.findFirst({
      where: { succeeded: false, createdAt: { gte: windowStart }, OR: [{ email }, { address }] },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
  ]);
  return throttleVerdict(
    { account: accountFailures, address: addressFailures, oldestFailureAt: oldest?.createdAt },
    now,
  );
}

/** Attempts are kept this long (the throttle needs only minutes; the rest is for investigations). */
const KEEP_ATTEMPTS_DAYS = 30;

export async function recordLoginAttempt(email: string, address: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, address, succeeded } });
  // Successful sign-ins are rare enough to do the housekeeping: the table never grows without end.
  if (succeeded) {
    await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_ATTEMPTS_DAYS * 86_400_000) } } });
  }
}
