// A line's card as chats, shares and the overview know it. It lives with the sending lines because
// the line store records it for every number; lib/cards writes it there after reading or saving.
import type { LinqContactCard } from '@/lib/linq/types';

/** none: no card; inactive: Linq holds it but has not applied it to the line; active: sharable. */
export type CardStatus = 'none' | 'inactive' | 'active';

export function cardStatus(card: LinqContactCard | null | undefined): CardStatus {
  if (!card) return 'none';
  return card.isActive ? 'active' : 'inactive';
}
