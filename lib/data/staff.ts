import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { accountsUnderAttack } from '@/lib/auth/login-attempts';
import { db } from '@/lib/db';
import { ownedWork } from '@/lib/runs/owner';

/** Every account, with the runs and daily re-shares running in its name (the confirmation names them). */
export async function getStaff() {
  await requirePermission('manageStaff');
  const users = await db.user.findMany({
    orderBy: [{ disabled: 'asc' }, { role: 'asc' }, { name: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true },
  });
  const work = await ownedWork(users.map((user) => user.id));
  return users.map((user) => ({ ...user, work: work.get(user.id)! }));
}

export type StaffRow = Awaited<ReturnType<typeof getStaff>>[number];

/** Staff accounts someone has been guessing the password of within the last hour. */
export async function getAccountsUnderAttack() {
  await requirePermission('manageStaff');
  return accountsUnderAttack();
}
