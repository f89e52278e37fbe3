import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json';
import type { CardStatus } from '@/lib/lines/card-status';

const POLL_EVERY_MS = 2_000;
/** How long a save is watched by the clock (not by a count of reads, which slow answers stretch). */
export const SETTLE_FOR_MS = 60_000;

/**
 * A number's card status while Linq applies a saved card: asked every 2 seconds until it is active
 * or a minute since `startedAt` has passed. `watchKey` starts a fresh watch for each save.
 */
export function settlingCardStatusQuery(phoneNumber: string, watchKey: string, startedAt: number) {
  return queryOptions({
    queryKey: ['card-status', phoneNumber, watchKey],
    queryFn: () => fetchJson<{ status: CardStatus }>(`/api/cards/${encodeURIComponent(phoneNumber)}`, 'status unavailable'),
    refetchInterval: (q) => (q.state.data?.status === 'active' || Date.now() - startedAt >= SETTLE_FOR_MS ? false : POLL_EVERY_MS),
    retry: false,
  });
}
