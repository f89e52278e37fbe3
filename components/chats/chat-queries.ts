import { queryOptions } from '@tanstack/react-query';
import type { FacetCounts } from '@/lib/chats/index-query';
import type { ChatShareEvent, ChatsView, HoldRelease } from '@/lib/chats/views';
import { fetchJson } from '@/lib/fetch-json';
import { chatPageHref } from '@/lib/links';
import { type ChatPageQuery } from '@/lib/validations/chats';

// One definition per query, used by the server's first render (initialData) and by the browser.

const COULD_NOT_LOAD = 'The console could not load this; try again.';

/** The view's query string, as the page's own URL carries it. */
function search(query: ChatPageQuery): string {
  return chatPageHref(query).split('?')[1] ?? '';
}

/**
 * The chats of a view, from the index. Refreshed every few seconds while the sync is reading
 * messages (rows say "Checking…"), and now and then otherwise, so webhooks show up on screen.
 */
export function chatsViewQuery(query: ChatPageQuery) {
  return queryOptions({
    queryKey: ['chats', search(query)],
    queryFn: () => fetchJson<ChatsView>(`/api/chats?${search(query)}`, COULD_NOT_LOAD),
    staleTime: 5_000,
    refetchInterval: (current) => {
      const view = current.state.data;
      const busy = view?.status.running || view?.rows.some((row) => row.outbound === 'unknown');
      return busy ? 4_000 : 15_000;
    },
  });
}

export function chatCountsQuery(query: ChatPageQuery) {
  const { cursor: _cursor, sort: _sort, limit: _limit, ...filters } = query;
  return queryOptions({
    queryKey: ['chat-counts', search({ ...filters, sort: 'activity', limit: 50 })],
    queryFn: () => fetchJson<FacetCounts>(`/api/chats/counts?${search({ ...filters, sort: 'activity', limit: 50 })}`, COULD_NOT_LOAD),
    staleTime: 15_000,
    refetchInterval: 30_000,
  });
}

export function chatSharesQuery(chatId: string) {
  return queryOptions({
    queryKey: ['chat-shares', chatId],
    queryFn: () => fetchJson<{ events: ChatShareEvent[]; releases: HoldRelease[] }>(`/api/chats/${encodeURIComponent(chatId)}/shares`, COULD_NOT_LOAD),
  });
}
