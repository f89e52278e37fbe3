import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readImpact, type Horizon } from '@/lib/impact/measure';
import { listLines } from '@/lib/lines/store';
import type { ImpactFilters } from '@/lib/validations/impact';

/** The period the filters ask for, up to now. */
export function impactPeriod(filters: ImpactFilters, now = new Date()) {
  return { since: new Date(now.getTime() - Number(filters.weeks) * 7 * 86_400_000), until: now, now };
}

/** Impact per number over the filters' period (everyone who may view: figures, no customer data). */
export async function getImpact(filters: ImpactFilters) {
  const user = await requirePermission('view');
  const period = impactPeriod(filters);
  const [numbers, lines] = await Promise.all([
    readImpact({ ...period, number: filters.number, scope: user.numbers }, Number(filters.within) as Horizon),
    listLines(user.numbers),
  ]);
  return { numbers, lines: lines.map((line) => line.phoneNumber), period };
}
