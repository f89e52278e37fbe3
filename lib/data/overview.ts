import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import { loadOverview } from '@/lib/overview/stats';
import { activeRunIds, readRunView, type RunView } from '@/lib/runs/view';
import { readViewerZone } from '@/lib/server/viewer-zone';

/** In the viewer's days once their browser has said its zone (UTC before). */
export async function getOverview() {
  await requirePermission('view');
  return loadOverview(getSettings().shareCooldownMs, (await readViewerZone()) ?? 'UTC');
}

export async function getActiveRuns(): Promise<RunView[]> {
  await requirePermission('view');
  const views = await Promise.all((await activeRunIds()).map((id) => readRunView(id)));
  return views.filter((view): view is RunView => view !== null);
}
