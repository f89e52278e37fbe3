'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { refreshLiveQueries } from '@/components/live/refresh-queries';
import { shareContactCardAction } from '@/lib/actions/shares';
import type { ChatRow } from '@/lib/chats/index-query';
import type { ChatsView } from '@/lib/chats/views';

/** What happened to the last share pressed on a row, shown on the row until the page changes. */
export type RowShare =
  | { state: 'sharing' }
  | { state: 'shared'; message: string }
  | { state: 'unknown'; message: string }
  | { state: 'failed'; message: string; nextStep?: string; traceId?: string; retryable: boolean };

interface Pressed {
  share: RowShare;
  /** The row as it was when Share was pressed: kept on screen if a refresh drops it from the filter. */
  row: ChatRow;
  /** Its place on the page then. */
  index: number;
}

/** The element that says a row's share state; the browser's focus goes there once Share is pressed. */
export const shareStatusId = (chatId: string, layout: 'table' | 'cards') => `share-status-${layout}-${chatId}`;

function focusStatus(chatId: string, onlyIfLost: boolean) {
  // When the answer comes, focus is only brought back if it fell to the page (the person may be elsewhere).
  if (onlyIfLost && document.activeElement && document.activeElement !== document.body) return;
  // The table and the phone cards both render; only one of the two is displayed.
  for (const layout of ['table', 'cards'] as const) {
    const element = document.getElementById(shareStatusId(chatId, layout));
    if (element && element.offsetParent !== null) return element.focus();
  }
}

/**
 * A toast for a row's answer, on screens where it has room: on a phone it would lie over the next
 * chat's Share, and the chat's own card already says what happened (and takes the focus).
 */
function notify(show: () => void) {
  if (!window.matchMedia('(max-width: 767px)').matches) show();
}

/**
 * Sharing from the Chats page, one row at a time. A row whose Share was pressed stays on the page
 * (even in "Eligible now", which it leaves once shared) and says "Sharing…", then what happened;
 * a failed row keeps its reason and a Retry. Focus moves to the row's status, never to the page.
 */
export function useRowShares(view: ChatsView, viewKey: QueryKey) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pressed, setPressed] = useState<ReadonlyMap<string, Pressed>>(new Map());
  // The row whose status should take the focus once it is on screen (after the render that shows it).
  const focusNext = useRef<{ chatId: string; onlyIfLost: boolean } | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    focusStatus(focusNext.current.chatId, focusNext.current.onlyIfLost);
    focusNext.current = null;
  });

  const record = (row: ChatRow, share: RowShare) => {
    // Pressing Share disables the button, which would drop the focus: it moves to the row's status.
    focusNext.current = { chatId: row.id, onlyIfLost: share.state !== 'sharing' };
    setPressed((current) => {
      const next = new Map(current);
      const index = current.get(row.id)?.index ?? view.rows.findIndex((r) => r.id === row.id);
      next.set(row.id, { share, row, index: Math.max(0, index) });
      return next;
    });
  };

  const setLastShared = (chatId: string, lastSharedAt: string | null, lastShareUncertain = false) =>
    queryClient.setQueryData<ChatsView>(
      viewKey,
      (current) => current && { ...current, rows: current.rows.map((r) => (r.id === chatId ? { ...r, lastSharedAt, lastShareUncertain } : r)) },
    );

  const mutation = useMutation({
    mutationFn: (row: ChatRow) => shareContactCardAction(row.id),
    onMutate: async (row) => {
      record(row, { state: 'sharing' });
      await queryClient.cancelQueries({ queryKey: viewKey });
    },
    onSuccess: (result, row) => {
      if (result.ok) {
        setLastShared(row.id, result.sharedAt);
        record({ ...row, lastSharedAt: result.sharedAt, lastShareUncertain: false }, { state: 'shared', message: result.message });
        notify(() => toast.success(`Shared with ${row.label}`, { description: result.message }));
      } else if (result.kind === 'unknown') {
        // Held as if shared: the row keeps a share, marked uncertain, until the hold ends.
        const heldSince = new Date(new Date(result.heldUntil).getTime() - view.cooldownMs).toISOString();
        setLastShared(row.id, heldSince, true);
        record({ ...row, lastSharedAt: heldSince, lastShareUncertain: true }, { state: 'unknown', message: result.error });
        notify(() => toast.warning(`Outcome unknown for ${row.label}`, { description: result.error }));
      } else {
        // Refused for the person's role (demoted in another tab): no Retry, and the page drops Share.
        const forbidden = result.kind === 'forbidden';
        if (forbidden) router.refresh();
        record(row, {
          state: 'failed',
          message: result.error,
          nextStep: result.nextStep,
          traceId: 'traceId' in result ? result.traceId : undefined,
          retryable: !forbidden,
        });
        notify(() => toast.error(`Not shared with ${row.label}`, { description: result.error }));
      }
    },
    onError: (_error, row) => {
      const message = 'The console did not answer, so the share may not have been sent.';
      record(row, { state: 'failed', message, nextStep: 'Check your connection, then retry.', retryable: true });
      notify(() => toast.error(`Not shared with ${row.label}`, { description: message }));
    },
    // The page, its counts and the chat's history read again together (as a live change is), so
    // the row and the "Eligible now" count never disagree on screen.
    onSettled: () => {
      void refreshLiveQueries(queryClient, new Set(['chats']));
    },
  });

  // The page's rows, with every pressed row kept in its place when a refresh dropped it.
  const rows = [...view.rows];
  for (const [id, { row, index }] of pressed) {
    if (!rows.some((r) => r.id === id)) rows.splice(Math.min(index, rows.length), 0, row);
  }

  return {
    rows,
    shareOf: (chatId: string): RowShare | undefined => pressed.get(chatId)?.share,
    share: (row: ChatRow) => mutation.mutate(row),
  };
}
