import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readSecondFactorRule, readSecondFactorStatus } from '@/lib/auth/second-factor';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';

/** My account: the person's second factor, and whether the console requires one of them. */
export async function getMyAccount() {
  const user = await requirePermission('view');
  const [status, rule] = await Promise.all([readSecondFactorStatus(user.id), readSecondFactorRule()]);
  return { user, secondFactor: status, secondFactorRequired: secondFactorRequired(rule, user.role) };
}
