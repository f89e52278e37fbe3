'use client';

import { useState } from 'react';
import { MAX_PICKED_CHATS } from '@/lib/validations/runs';

/**
 * What the staff member selected: chats picked one by one (on any page of the filter), or every
 * chat matching the filter.
 */
export type ChatSelection = { kind: 'chats'; ids: ReadonlySet<string> } | { kind: 'filter' };

export interface ChatSelectionState {
  selection: ChatSelection;
  isSelected: (id: string) => boolean;
  /** `pageIds`: the chats on screen, which stay selected when one is unticked from "all matching". */
  toggle: (id: string, pageIds: string[]) => void;
  /** The page's checkbox: adds the page's chats to the selection, or takes them out of it. */
  setPage: (ids: string[], selected: boolean) => void;
  selectAllMatching: () => void;
  clear: () => void;
  /** Every chat of the page is selected (or the whole filter is). */
  pageSelected: (ids: string[]) => boolean;
}

/** Picks beyond the limit are refused (the bar offers "all matching" instead). */
function capped(ids: Set<string>): Set<string> {
  return ids.size <= MAX_PICKED_CHATS ? ids : new Set([...ids].slice(0, MAX_PICKED_CHATS));
}

/** Kept while the person moves between pages of one filter: the page keys it by the filter alone. */
export function useChatSelection(): ChatSelectionState {
  const [selection, setSelection] = useState<ChatSelection>({ kind: 'chats', ids: new Set() });
  const isSelected = (id: string) => selection.kind === 'filter' || selection.ids.has(id);

  return {
    selection,
    isSelected,
    toggle: (id, pageIds) =>
      setSelection((current) => {
        // Unticking one chat of "all matching" keeps what the person can see: the rest of the page.
        const ids = new Set(current.kind === 'chats' ? current.ids : pageIds);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { kind: 'chats', ids: capped(ids) };
      }),
    setPage: (pageIds, selected) =>
      setSelection((current) => {
        const ids = new Set(current.kind === 'chats' ? current.ids : []);
        for (const id of pageIds) {
          if (selected) ids.add(id);
          else ids.delete(id);
        }
        return { kind: 'chats', ids: capped(ids) };
      }),
    selectAllMatching: () => setSelection({ kind: 'filter' }),
    clear: () => setSelection({ kind: 'chats', ids: new Set() }),
    pageSelected: (ids) => ids.length > 0 && ids.every(isSelected),
  };
}
