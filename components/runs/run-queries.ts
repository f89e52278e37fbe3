import { queryOptions } from '@tanstack/react-query';
import type { RunView } from '@/lib/runs/view';

/** A run's progress, polled every 2 seconds while it runs or is paused, then left alone. */
export function runQuery(runId: string) {
  return queryOptions({
    queryKey: ['run', runId],
    queryFn: async (): Promise<RunView> => {
      const response = await fetch(`/api/runs/${encodeURIComponent(runId)}`, { cache: 'no-store' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body?.error ?? 'The run’s progress could not be loaded; it refreshes by itself.');
      return body as RunView;
    },
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data) ? false : 2_000),
  });
}

export function isActive(run: Pick<RunView, 'status'>): boolean {
  return run.status === 'RUNNING' || run.status === 'PAUSED';
}
