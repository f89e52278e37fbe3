import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { listPasskeys } from '@/lib/auth/passkeys';
import { readSecondFactorRule, readSecondFactorStatus } from '@/lib/auth/second-factor';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';

/** My account: the person's second factors, and whether the console requires one of them. */
export async function getMyAccount() {
  const user = await requirePermission('view');
  const [status, rule, passkeys] = await Promise.all([readSecondFactorStatus(user.id), readSecondFactorRule(), listPasskeys(user.id)]);
  return { user, secondFactor: status, passkeys, secondFactorRequired: secondFactorRequired(rule, user.role) };
}
