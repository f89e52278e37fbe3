'use client';

import { useState } from 'react';
import type { ChatsView } from '@/lib/chats/views';

interface Seen {
  viewKey: string;
  /** Each row seen in this view, and its place when first seen. */
  places: ReadonlyMap<string, number>;
}

/**
 * The rows of a page as the person has seen them: a row that a refresh no longer matches (shared in
 * "Eligible now", turned SMS in "iMessage") stays in its place with its new state, marked as
 * departed, until the view changes (another filter, page or sort). `keptIds` are the rows to keep
 * reading (chatsViewQuery reads the departed ones by id); `merge` puts them back in their places.
 */
export function useStickyRows(viewKey: string) {
  const [seen, setSeen] = useState<Seen>({ viewKey, places: new Map() });
  const places = seen.viewKey === viewKey ? seen.places : new Map<string, number>();

  function merge(view: ChatsView): { view: ChatsView; departedIds: ReadonlySet<string> } {
    let known = places;
    if (seen.viewKey !== viewKey || view.rows.some((row) => !known.has(row.id))) {
      const next = new Map(known);
      view.rows.forEach((row, index) => {
        if (!next.has(row.id)) next.set(row.id, index);
      });
      known = next;
      // Remembering what was seen (React's pattern for state derived from earlier renders).
      setSeen({ viewKey, places: next });
    }
    const onPage = new Set(view.rows.map((row) => row.id));
    const departed = (view.departed ?? []).filter((row) => known.has(row.id) && !onPage.has(row.id)).sort((a, b) => known.get(a.id)! - known.get(b.id)!);
    const rows = [...view.rows];
    for (const row of departed) rows.splice(Math.min(known.get(row.id)!, rows.length), 0, row);
    return { view: { ...view, rows }, departedIds: new Set(departed.map((row) => row.id)) };
  }

  return { keptIds: [...places.keys()], merge };
}
