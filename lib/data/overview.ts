import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import { loadOverview } from '@/lib/overview/stats';

export async function getOverview() {
  await requirePermission('view');
  return loadOverview(getSettings().shareCooldownMs);
}
