// Addresses of the console's lists with their filters: what links, redirects and the CSV export
// are made of. Only the settings that differ from the defaults appear.
import { DEFAULT_PAGE_SIZE, type ChatPageQuery } from '@/lib/validations/chats';
import type { HistoryFilters } from '@/lib/validations/history';

const DEFAULTS: Partial<Record<keyof ChatPageQuery, string | number>> = {
  show: 'all',
  shared: 'any',
  service: 'any',
  health: 'any',
  group: 'any',
  sort: 'activity',
  limit: DEFAULT_PAGE_SIZE,
};

const ORDER: Array<keyof ChatPageQuery> = ['from', 'q', 'show', 'reason', 'shared', 'service', 'health', 'group', 'sort', 'limit', 'cursor'];

/** The URL of a chats view, keeping only the settings that differ from the defaults. */
export function chatPageHref(query: Partial<ChatPageQuery>): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = query[key];
    if (value === undefined || value === '' || String(DEFAULTS[key]) === String(value)) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/chats?${search}` : '/chats';
}

/** A saved view's filters, as the Chats page's address carries them (without the page it was on). */
export function viewQueryOf(query: Partial<ChatPageQuery>): string {
  return chatPageHref({ ...query, cursor: undefined }).split('?')[1] ?? '';
}

/** The filters as URL parameters (for links, the CSV export and the next page). */
export function historySearchParams(filters: Partial<HistoryFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['tab', 'from', 'to', 'tz', 'number', 'actor', 'outcome', 'source', 'q', 'run', 'latest', 'cursor'] as const) {
    const value = filters[key];
    if (value && !(key === 'tab' && value === 'shares')) params.set(key, value);
  }
  return params;
}

export function historyHref(filters: Partial<HistoryFilters>): string {
  const search = historySearchParams(filters).toString();
  return search ? `/history?${search}` : '/history';
}
