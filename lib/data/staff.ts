import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { accountsUnderAttack } from '@/lib/auth/login-attempts';
import { db } from '@/lib/db';
import { listLines } from '@/lib/lines/store';
import { scopeOf } from '@/lib/number-scope';
import { ownedWork } from '@/lib/runs/owner';
import { invitationEmailAvailable } from '@/lib/staff/invitations';

/**
 * Every account, with the runs and daily re-shares running in its name (the confirmation names
 * them), and for those invited by a link and never signed in, when the link expires.
 */
export async function getStaff() {
  await requirePermission('manageStaff');
  const users = await db.user.findMany({
    orderBy: [{ disabled: 'asc' }, { role: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastLoginAt: true,
      createdAt: true,
      totpEnabledAt: true,
      limitedToNumbers: true,
      numbers: true,
      _count: { select: { passkeys: true } },
      // The latest set-password link: an account never signed in with one still open is "Invited".
      passwordTokens: { orderBy: { createdAt: 'desc' }, take: 1, select: { expiresAt: true, usedAt: true } },
    },
  });
  const work = await ownedWork(users.map((user) => user.id));
  return users.map(({ passwordTokens: [link], totpEnabledAt, _count, limitedToNumbers, numbers, ...user }) => ({
    ...user,
    /** The numbers they are limited to; null: every number. */
    numbers: scopeOf({ role: user.role, limitedToNumbers, numbers }),
    secondFactor: totpEnabledAt !== null || _count.passkeys > 0,
    invitation: !user.lastLoginAt && link && !link.usedAt ? { expiresAt: link.expiresAt.toISOString() } : null,
    work: work.get(user.id)!,
  }));
}

export type StaffRow = Awaited<ReturnType<typeof getStaff>>[number];

/** Staff accounts someone has been guessing the password of within the last hour. */
export async function getAccountsUnderAttack() {
  await requirePermission('manageStaff');
  return accountsUnderAttack();
}

/** Whether set-password links can be emailed (an SMTP server is set up under Settings → Alerts). */
export async function getInvitationEmail() {
  await requirePermission('manageStaff');
  return invitationEmailAvailable();
}

/** The account's numbers, to choose from when limiting someone to some. */
export async function getAccountNumbers(): Promise<string[]> {
  await requirePermission('manageStaff');
  return (await listLines(null)).map((line) => line.phoneNumber);
}
