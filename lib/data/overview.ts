import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import { getLinq } from '@/lib/linq';
import { loadOverview } from '@/lib/overview/stats';

export async function getOverview() {
  await requirePermission('view');
  return loadOverview(getLinq(), getSettings().shareCooldownMs);
}
