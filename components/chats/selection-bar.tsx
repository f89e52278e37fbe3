'use client';

import { useQuery } from '@tanstack/react-query';
import { Send, X } from 'lucide-react';
import { useState } from 'react';
import { BulkShareDialog } from '@/components/chats/bulk-share-dialog';
import type { ChatSelectionState } from '@/components/chats/use-chat-selection';
import { liveMeta } from '@/components/live/refresh-queries';
import { bulkPlanQuery } from '@/components/runs/run-queries';
import { Button } from '@/components/ui/button';
import { Dialog, DialogTrigger } from '@/components/ui/dialog';
import { formatCount } from '@/lib/format';
import type { ChatPageQuery } from '@/lib/validations/chats';
import { MAX_PICKED_CHATS, type RunSelection } from '@/lib/validations/runs';

const chats = (n: number) => `${formatCount(n)} ${n === 1 ? 'chat' : 'chats'}`;

/**
 * What is selected (kept across the filter's pages), how many of those can receive the card now (the
 * plan the run would be made from, so the bar never promises more than the run does), "Select all N
 * chats matching this filter" once the page is, and "Share with N chats", which opens the confirmation.
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
  const { cursor: _cursor, sort: _sort, limit: _limit, ...filter } = query;
  const runSelection: RunSelection | null = !selected
    ? null
    : selection.kind === 'filter'
      ? { kind: 'filter', query: filter }
      : { kind: 'chats', chatIds: [...selection.ids] };
  const plan = useQuery({
    ...bulkPlanQuery(runSelection ?? { kind: 'chats', chatIds: [] }),
    enabled: runSelection !== null,
    // Kept while the selection changes, and read again when chats or cards change.
    gcTime: 60_000,
    meta: liveMeta('chats', 'cards'),
  });
  if (!selected || !runSelection) return null;

  const canWiden = selection.kind === 'chats' && state.pageSelected(pageIds) && matching !== undefined && matching > selection.ids.size;
  const atLimit = selection.kind === 'chats' && selection.ids.size >= MAX_PICKED_CHATS;
  const toShare = plan.data?.plan.toShare;

  return (
    <section aria-label="Selection" className="flex flex-wrap items-center gap-3 rounded-lg border border-primary/40 bg-primary/5 px-4 py-2 text-sm">
      <p role="status" className="font-medium">
        {selection.kind === 'filter' ? `All ${chats(selected)} matching this filter selected` : `${formatCount(selected)} selected`}
        {' · '}
        {plan.isError
          ? 'could not count those that can receive the card'
          : toShare === undefined
            ? 'counting…'
            : `${formatCount(toShare)} can receive the card now`}
      </p>
      {canWiden && (
        <Button variant="link" className="h-auto p-0" onClick={state.selectAllMatching}>
          Select all {chats(matching)} matching this filter
        </Button>
      )}
      {atLimit && (
        <p className="text-muted-foreground">At most {formatCount(MAX_PICKED_CHATS)} chats can be picked one by one: select all matching the filter instead.</p>
      )}
      <div className="ml-auto flex flex-wrap gap-2">
        <Button variant="ghost" size="sm" onClick={state.clear}>
          <X aria-hidden /> Clear selection
        </Button>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild disabled={!toShare}>
            <Button size="sm">
              <Send aria-hidden /> Share with {chats(toShare ?? 0)}
            </Button>
          </DialogTrigger>
          {open && <BulkShareDialog selection={runSelection} onStarted={() => setOpen(false)} />}
        </Dialog>
      </div>
    </section>
  );
}
