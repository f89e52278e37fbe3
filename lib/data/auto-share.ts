import 'server-only';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/guards';
import { readAutoShareAccount, readAutoSharePanel } from '@/lib/auto/panel';
import { covers } from '@/lib/number-scope';

/** A number's automatic share as its card page shows it (everyone who may view). */
export async function getAutoSharePanel(phoneNumber: string) {
  const user = await requirePermission('view');
  if (!covers(user.numbers, phoneNumber)) notFound();
  return readAutoSharePanel(phoneNumber);
}

/** Automatic share across the account: the pause, the numbers it is on for, what waits (Settings). */
export async function getAutoShareAccount() {
  await requirePermission('manageSettings');
  return readAutoShareAccount();
}
