import { queryOptions } from '@tanstack/react-query';
import { pollWhileOffline } from '@/components/live/live-state';
import { liveMeta } from '@/components/live/refresh-queries';
import { fetchJson } from '@/lib/fetch-json';
import type { SavedViewItem } from '@/lib/views/saved-views';

/** The person's saved views with their counts, kept live as chats, cards or views change. */
export const savedViewsQuery = queryOptions({
  queryKey: ['saved-views'],
  queryFn: () => fetchJson<{ views: SavedViewItem[] }>('/api/views', 'The saved views could not be loaded.'),
  staleTime: 15_000,
  meta: liveMeta('chats', 'cards', 'views'),
  refetchInterval: pollWhileOffline(30_000),
});
