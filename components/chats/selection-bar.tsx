'use client';

import { Send, X } from 'lucide-react';
import { useState } from 'react';
import { BulkShareDialog } from '@/components/chats/bulk-share-dialog';
import type { ChatSelectionState } from '@/components/chats/use-chat-selection';
import { Button } from '@/components/ui/button';
import { Dialog, DialogTrigger } from '@/components/ui/dialog';
import { formatCount } from '@/lib/format';
import type { ChatPageQuery } from '@/lib/validations/chats';
import type { RunSelection } from '@/lib/validations/runs';

/**
 * What is selected, "Select all N chats matching this filter" once the page is, and "Share with N
 * chats", which opens the confirmation.
 */
export function SelectionBar({
  state,
  pageIds,
  matching,
  query,
}: {
  state: ChatSelectionState;
  pageIds: string[];
  /** Chats matching the filter, once counted. */
  matching: number | undefined;
  query: ChatPageQuery;
}) {
  const [open, setOpen] = useState(false);
  const { selection } = state;
  const selected = selection.kind === 'filter' ? matching : selection.ids.size;
  if (!selected) return null;

  const { cursor: _cursor, sort: _sort, limit: _limit, ...filter } = query;
  const runSelection: RunSelection = selection.kind === 'filter' ? { kind: 'filter', query: filter } : { kind: 'chats', chatIds: [...selection.ids] };
  const canWiden = selection.kind === 'chats' && state.pageSelected(pageIds) && matching !== undefined && matching > selection.ids.size;

  return (
    <section aria-label="Selection" className="flex flex-wrap items-center gap-3 rounded-lg border border-primary/40 bg-primary/5 px-4 py-2 text-sm">
      <p role="status" className="font-medium">
        {selection.kind === 'filter'
          ? `All ${formatCount(selected)} chats matching this filter are selected.`
          : `${formatCount(selected)} ${selected === 1 ? 'chat' : 'chats'} on this page selected.`}
      </p>
      {canWiden && (
        <Button variant="link" className="h-auto p-0" onClick={state.selectAllMatching}>
          Select all {formatCount(matching)} chats matching this filter
        </Button>
      )}
      <div className="ml-auto flex flex-wrap gap-2">
        <Button variant="ghost" size="sm" onClick={state.clear}>
          <X aria-hidden /> Clear selection
        </Button>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button size="sm">
              <Send aria-hidden /> Share with {formatCount(selected)} {selected === 1 ? 'chat' : 'chats'}
            </Button>
          </DialogTrigger>
          {open && <BulkShareDialog selection={runSelection} onStarted={() => setOpen(false)} />}
        </Dialog>
      </div>
    </section>
  );
}
