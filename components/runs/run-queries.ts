import { queryOptions } from '@tanstack/react-query';
import { pollWhileOffline } from '@/components/live/live-state';
import { liveMeta } from '@/components/live/refresh-queries';
import { planBulkShareAction } from '@/lib/actions/runs';
import { fetchJson } from '@/lib/fetch-json';
import type { RunView } from '@/lib/runs/view';
import type { RunSelection } from '@/lib/validations/runs';

/**
 * A run's progress, refreshed by the live stream as its chats get their outcomes; while the stream
 * is down, polled every 2 seconds while it runs or is paused.
 */
export function runQuery(runId: string) {
  return queryOptions({
    queryKey: ['run', runId],
    queryFn: () => fetchJson<RunView>(`/api/runs/${encodeURIComponent(runId)}`, 'The run’s progress could not be loaded; it refreshes by itself.'),
    meta: liveMeta('runs'),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data) ? false : pollWhileOffline(2_000)()),
  });
}

/**
 * What a bulk share of a selection would do now, read afresh each time the dialog opens. The one
 * read not behind a GET route: a selection of 500 picked chats is about 20 KB of ids, more than an
 * address carries safely through proxies, so it travels in the body of a server action.
 */
export function bulkPlanQuery(selection: RunSelection) {
  return queryOptions({
    queryKey: ['bulk-plan', selection],
    queryFn: async () => {
      const result = await planBulkShareAction(selection);
      if (!result.ok) throw new Error(result.error);
      return result;
    },
    staleTime: 0,
    gcTime: 0,
  });
}

export function isActive(run: Pick<RunView, 'status'>): boolean {
  return run.status === 'RUNNING' || run.status === 'PAUSED';
}
