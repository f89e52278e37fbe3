import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readAutoShareAccount, readAutoSharePanel } from '@/lib/auto/panel';

/** A number's automatic share as its card page shows it (everyone who may view). */
export async function getAutoSharePanel(phoneNumber: string) {
  await requirePermission('view');
  return readAutoSharePanel(phoneNumber);
}

/** Automatic share across the account: the pause, the numbers it is on for, what waits (Settings). */
export async function getAutoShareAccount() {
  await requirePermission('manageSettings');
  return readAutoShareAccount();
}
