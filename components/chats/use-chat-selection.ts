'use client';

import { useState } from 'react';

/** What the staff member selected: chats picked on this page, or every chat matching the filter. */
export type ChatSelection = { kind: 'chats'; ids: ReadonlySet<string> } | { kind: 'filter' };

export interface ChatSelectionState {
  selection: ChatSelection;
  isSelected: (id: string) => boolean;
  /** `pageIds`: the chats on screen, which stay selected when one is unticked from "all matching". */
  toggle: (id: string, pageIds: string[]) => void;
  /** The page's checkbox: all of the page, or none. */
  setPage: (ids: string[], selected: boolean) => void;
  selectAllMatching: () => void;
  clear: () => void;
  /** Every chat of the page is selected (or the whole filter is). */
  pageSelected: (ids: string[]) => boolean;
}

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
        return { kind: 'chats', ids };
      }),
    setPage: (ids, selected) => setSelection({ kind: 'chats', ids: new Set(selected ? ids : []) }),
    selectAllMatching: () => setSelection({ kind: 'filter' }),
    clear: () => setSelection({ kind: 'chats', ids: new Set() }),
    pageSelected: (ids) => ids.length > 0 && ids.every(isSelected),
  };
}
