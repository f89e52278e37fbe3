import { queryOptions } from '@tanstack/react-query';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import type { ChatPage } from '@/lib/chats/page';
import type { ShareHistoryRow } from '@/lib/history/shares';
import type { ChatPageQuery } from '@/lib/validations/chats';

// One definition per query, used by the server's first render (initialData) and by the browser.

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? body?.error ?? 'The console could not load this; try again.');
  return body as T;
}

export function chatPageQuery(query: ChatPageQuery) {
  const { from, to, limit, cursor } = query;
  const params = new URLSearchParams(Object.entries({ from, to, limit: String(limit), cursor }).filter((e): e is [string, string] => Boolean(e[1])));
  return queryOptions({
    queryKey: ['chats', { from, to, limit, cursor }],
    queryFn: () => getJson<ChatPage>(`/api/chats?${params}`),
    staleTime: 30_000,
  });
}

export function outboundQuery(chatIds: string[]) {
  return queryOptions({
    queryKey: ['chat-outbound', chatIds],
    queryFn: async () => (await getJson<{ outbound: Record<string, OutboundKnowledge> }>(`/api/chats/outbound?ids=${chatIds.map(encodeURIComponent).join(',')}`)).outbound,
    enabled: chatIds.length > 0,
    staleTime: Infinity,
    retry: 1,
  });
}

export function chatSharesQuery(chatId: string) {
  return queryOptions({
    queryKey: ['chat-shares', chatId],
    queryFn: async () => (await getJson<{ events: ShareHistoryRow[] }>(`/api/chats/${encodeURIComponent(chatId)}/shares`)).events,
  });
}
