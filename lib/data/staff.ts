import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { accountsUnderAttack } from '@/lib/auth/login-attempts';
import { db } from '@/lib/db';

export async function getStaff() {
  await requirePermission('manageStaff');
  return db.user.findMany({
    orderBy: [{ disabled: 'asc' }, { role: 'asc' }, { name: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true },
  });
}

export type StaffRow = Awaited<ReturnType<typeof getStaff>>[number];

/** Staff accounts someone has been guessing the password of within the last hour. */
export async function getAccountsUnderAttack() {
  await requirePermission('manageStaff');
  return accountsUnderAttack();
}
