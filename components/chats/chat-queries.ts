import { queryOptions } from '@tanstack/react-query';
import { pollWhileOffline } from '@/components/live/live-state';
import { liveMeta } from '@/components/live/refresh-queries';
import type { FacetCounts } from '@/lib/chats/index-counts';
import type { ChatRow } from '@/lib/chats/index-query';
import type { ChatShareEvent, ChatsView, HoldRelease } from '@/lib/chats/views';
import { fetchJson } from '@/lib/fetch-json';
import { chatPageHref } from '@/lib/links';
import type { LinqMessage } from '@/lib/linq/types';
import { MAX_KEPT_ROWS, type ChatPageQuery } from '@/lib/validations/chats';

// One definition per query, used by the server's first render (initialData) and by the browser.

const COULD_NOT_LOAD = 'The console could not load this; try again.';

/** The view's query string, as the page's own URL carries it. */
function search(query: ChatPageQuery): string {
  return chatPageHref(query).split('?')[1] ?? '';
}

/**
 * The chats of a view, from the index, refreshed by the live stream when chats, cards or the index
 * change. `kept` names the chats already on screen: those that no longer match the view are read
 * too (`departed`), so a row changes in place instead of vanishing under the pointer.
 * While the stream is down: polled every few seconds while the sync is reading messages (rows say
 * "Checking…"), and now and then otherwise.
 */
export function chatsViewQuery(query: ChatPageQuery, kept: readonly string[] = []) {
  return queryOptions({
    queryKey: ['chats', search(query)],
    queryFn: async (): Promise<ChatsView> => {
      const view = await fetchJson<ChatsView>(`/api/chats?${search(query)}`, COULD_NOT_LOAD);
      const onPage = new Set(view.rows.map((row) => row.id));
      const gone = kept.filter((id) => !onPage.has(id)).slice(0, MAX_KEPT_ROWS);
      if (gone.length === 0) return view;
      const { rows } = await fetchJson<{ rows: ChatRow[] }>(`/api/chats/rows?ids=${gone.map(encodeURIComponent).join(',')}`, COULD_NOT_LOAD);
      return { ...view, departed: rows };
    },
    staleTime: 5_000,
    meta: liveMeta('chats', 'cards', 'index'),
    refetchInterval: (current) => {
      const view = current.state.data;
      const busy = view?.status.running || view?.rows.some((row) => row.outbound === 'unknown');
      return pollWhileOffline(busy ? 4_000 : 15_000)();
    },
  });
}

export function chatCountsQuery(query: ChatPageQuery) {
  const { cursor: _cursor, sort: _sort, limit: _limit, ...filters } = query;
  return queryOptions({
    queryKey: ['chat-counts', search({ ...filters, sort: 'activity', limit: 50 })],
    queryFn: () => fetchJson<FacetCounts>(`/api/chats/counts?${search({ ...filters, sort: 'activity', limit: 50 })}`, COULD_NOT_LOAD),
    staleTime: 15_000,
    meta: liveMeta('chats', 'cards'),
    refetchInterval: pollWhileOffline(30_000),
  });
}

export function chatSharesQuery(chatId: string) {
  return queryOptions({
    queryKey: ['chat-shares', chatId],
    queryFn: () => fetchJson<{ events: ChatShareEvent[]; releases: HoldRelease[] }>(`/api/chats/${encodeURIComponent(chatId)}/shares`, COULD_NOT_LOAD),
    meta: liveMeta('chats'),
  });
}

/**
 * A chat's last messages, read from Linq once when its panel opens (and on "Read again"): never
 * refreshed by itself, as each read counts in the person's Linq budget.
 */
export function chatMessagesQuery(chatId: string) {
  return queryOptions({
    queryKey: ['chat-messages', chatId],
    queryFn: () =>
      fetchJson<{ messages: LinqMessage[]; complete: boolean }>(
        `/api/chats/${encodeURIComponent(chatId)}/messages`,
        'The messages could not be read from Linq; try again.',
      ),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
