import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import { loadOverview } from '@/lib/overview/stats';
import { activeRunIds, readRunView, type RunView } from '@/lib/runs/view';

export async function getOverview() {
  await requirePermission('view');
  return loadOverview(getSettings().shareCooldownMs);
}

export async function getActiveRuns(): Promise<RunView[]> {
  await requirePermission('view');
  const views = await Promise.all((await activeRunIds()).map((id) => readRunView(id)));
  return views.filter((view): view is RunView => view !== null);
}
