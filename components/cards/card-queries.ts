import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json';
import type { CardStatus } from '@/lib/lines/card-status';

const POLL_EVERY_MS = 2_000;
/** A minute of polls: after that the page says so and stops asking. */
export const MAX_POLLS = 30;

/**
 * A number's card status while Linq applies a saved card: asked every 2 seconds until it is active
 * or a minute has passed. `watchId` starts a fresh watch for each save.
 */
export function settlingCardStatusQuery(phoneNumber: string, watchId: number) {
  return queryOptions({
    queryKey: ['card-status', phoneNumber, watchId],
    queryFn: () => fetchJson<{ status: CardStatus }>(`/api/cards/${encodeURIComponent(phoneNumber)}`, 'status unavailable'),
    refetchInterval: (q) => (q.state.data?.status === 'active' || q.state.dataUpdateCount + q.state.errorUpdateCount >= MAX_POLLS ? false : POLL_EVERY_MS),
    retry: false,
  });
}
