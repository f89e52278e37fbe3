import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { webhooksConnected } from '@/lib/chats/index-status';
import { getSettings } from '@/lib/env';
import { readRunPage } from '@/lib/history/audit';
import { nextSteps, type NextStep } from '@/lib/overview/next-steps';
import { loadOverview, type Overview } from '@/lib/overview/stats';
import { can } from '@/lib/roles';
import { soonestReshare } from '@/lib/runs/schedules';
import { activeRunIds, readRunView, type RunView } from '@/lib/runs/view';
import { readViewerZone } from '@/lib/server/viewer-zone';
import { parseHistoryFilters } from '@/lib/validations/history';

/** In the viewer's days once their browser has said its zone (UTC before). */
export async function getOverview() {
  const user = await requirePermission('view');
  return loadOverview(user.numbers, getSettings().shareCooldownMs, (await readViewerZone()) ?? 'UTC');
}

/** What the Overview suggests doing next, for this person's role. */
export async function getNextSteps(overview: Overview): Promise<NextStep[]> {
  const user = await requirePermission('view');
  const settings = getSettings();
  // Only whether webhooks are connected: not the index status's counts over every chat.
  const [connected, reshare] = await Promise.all([webhooksConnected(), soonestReshare(user.numbers)]);
  return nextSteps(
    {
      numbers: overview.numbers,
      failedToday: overview.today.failed,
      today: overview.days.today,
      timeZone: overview.days.timeZone,
      webhooksConnected: connected,
      syncIntervalMinutes: settings.chatSyncIntervalMs / 60_000,
      nextReshare: reshare && { phoneNumber: reshare.phoneNumber, when: reshare.preview.nextRun, chats: reshare.preview.chats },
    },
    { editCards: can(user.role, 'editCards'), shareCards: can(user.role, 'shareCards'), manageSettings: can(user.role, 'manageSettings') },
  );
}

/** The latest runs, with their outcome. */
export async function getRecentRuns() {
  const user = await requirePermission('view');
  return (await readRunPage({ ...parseHistoryFilters({ tab: 'runs' }), scope: user.numbers }, 5)).rows;
}

export async function getActiveRuns(): Promise<RunView[]> {
  const user = await requirePermission('view');
  const views = await Promise.all((await activeRunIds(user.numbers)).map((id) => readRunView(id, user.numbers)));
  return views.filter((view): view is RunView => view !== null);
}
