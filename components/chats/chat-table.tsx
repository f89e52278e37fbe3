'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Loader2, Send, Users } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { EligibilityCell } from '@/components/chats/eligibility-cell';
import { HealthBadge, ServiceBadge } from '@/components/chats/chat-badges';
import { ShareHistorySheet } from '@/components/chats/share-history-sheet';
import type { ChatSelectionState } from '@/components/chats/use-chat-selection';
import { useNow } from '@/components/hooks/use-now';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { shareContactCardAction } from '@/lib/actions/shares';
import { evaluateEligibility } from '@/lib/chats/eligibility';
import type { ChatRow } from '@/lib/chats/index-query';
import type { ChatsView } from '@/lib/data/chats';
import { formatDateTime } from '@/lib/format';

export function ChatTable({ view, viewKey, canShare, selection }: { view: ChatsView; viewKey: QueryKey; canShare: boolean; selection?: ChatSelectionState }) {
  const queryClient = useQueryClient();
  // The server's time until the browser's clock takes over (the same on both sides of hydration),
  // then ticking, so that cooldowns end on screen without a reload.
  const now = useNow() ?? new Date(view.generatedAt);
  const [sharing, setSharing] = useState<ReadonlySet<string>>(new Set());

  const rows = view.rows.map((row) => ({
    row,
    eligibility: evaluateEligibility({
      chat: row.facts,
      outbound: row.outbound,
      cardStatus: row.cardStatus,
      lastSharedAt: row.lastSharedAt ? new Date(row.lastSharedAt) : null,
      now,
      cooldownMs: view.cooldownMs,
      lineFlagged: row.lineFlagged,
      lastShareUncertain: row.lastShareUncertain,
    }),
  }));

  const setLastShared = (chatId: string, lastSharedAt: string | null, lastShareUncertain = false) =>
    queryClient.setQueryData<ChatsView>(viewKey, (current) =>
      current && { ...current, rows: current.rows.map((r) => (r.id === chatId ? { ...r, lastSharedAt, lastShareUncertain } : r)) },
    );

  const share = useMutation({
    mutationFn: (row: ChatRow) => shareContactCardAction(row.id),
    onMutate: async (row) => {
      setSharing((ids) => new Set(ids).add(row.id));
      await queryClient.cancelQueries({ queryKey: viewKey });
      // Optimistic: the row shows the share at once; undone below if it does not happen.
      setLastShared(row.id, new Date().toISOString());
    },
    onSuccess: (result, row) => {
      if (result.ok) {
        setLastShared(row.id, result.sharedAt);
        toast.success(result.message, { description: row.label });
        return;
      }
      if (result.kind === 'unknown') {
        // Held as if shared: the row keeps its share, marked uncertain.
        setLastShared(row.id, new Date(new Date(result.heldUntil).getTime() - view.cooldownMs).toISOString(), true);
        toast.warning(result.message, { description: row.label });
        return;
      }
      setLastShared(row.id, row.lastSharedAt, row.lastShareUncertain);
      toast.error(result.message, { description: [result.nextStep, result.traceId && `Trace ${result.traceId}`].filter(Boolean).join(' ') || row.label });
    },
    onError: (_error, row) => {
      setLastShared(row.id, row.lastSharedAt);
      toast.error('The share could not be sent: the console did not answer.', { description: 'Check your connection and try again.' });
    },
    onSettled: (_result, _error, row) => {
      setSharing((ids) => {
        const next = new Set(ids);
        next.delete(row.id);
        return next;
      });
      void queryClient.invalidateQueries({ queryKey: ['chat-shares', row.id] });
      void queryClient.invalidateQueries({ queryKey: ['chat-counts'] });
    },
  });

  if (view.rows.length === 0) {
    return <p className="p-6 text-sm text-muted-foreground">No chat matches these filters. Try another filter, or clear the search.</p>;
  }

  const pageIds = view.rows.map((row) => row.id);
  return (
    <Table aria-label="Chats">
      <TableHeader>
        <TableRow>
          {selection && (
            <TableHead className="w-10">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                aria-label="Select every chat on this page"
                checked={selection.pageSelected(pageIds)}
                onChange={(event) => selection.setPage(pageIds, event.target.checked)}
              />
            </TableHead>
          )}
          <TableHead>Chat</TableHead>
          <TableHead>Sending number</TableHead>
          <TableHead>Service</TableHead>
          <TableHead>Health</TableHead>
          <TableHead>Eligibility</TableHead>
          <TableHead>Last activity</TableHead>
          <TableHead>Last shared</TableHead>
          <TableHead className="sr-only">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ row, eligibility }) => (
          <TableRow key={row.id} aria-label={row.label}>
            {selection && (
              <TableCell>
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  aria-label={`Select ${row.label}`}
                  checked={selection.isSelected(row.id)}
                  onChange={() => selection.toggle(row.id, pageIds)}
                />
              </TableCell>
            )}
            <TableCell className="max-w-72">
              <div className="flex items-center gap-1.5 font-medium">
                {row.facts.isGroup && <Users className="size-3.5 shrink-0 text-muted-foreground" aria-label="Group chat" />}
                <span className="truncate">{row.label}</span>
              </div>
              {row.label !== row.participants.join(', ') && <p className="truncate text-xs text-muted-foreground">{row.participants.join(', ')}</p>}
            </TableCell>
            <TableCell className="font-mono text-xs">{row.sendingNumber ?? '—'}</TableCell>
            <TableCell>
              <ServiceBadge service={row.facts.service} />
            </TableCell>
            <TableCell>
              <HealthBadge health={row.facts.health} />
            </TableCell>
            <TableCell>
              <EligibilityCell eligibility={eligibility} label={row.label} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
              <RelativeTime value={row.activityAt} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
              <p>{row.lastSharedAt ? formatDateTime(row.lastSharedAt) : 'Never'}</p>
              {eligibility.nextEligibleAt && <p>Next: {formatDateTime(eligibility.nextEligibleAt)}</p>}
            </TableCell>
            <TableCell>
              <div className="flex items-center justify-end gap-1">
                {canShare && (
                  <Button size="sm" disabled={!eligibility.eligible || sharing.has(row.id)} onClick={() => share.mutate(row)} aria-label={`Share the card into ${row.label}`}>
                    {sharing.has(row.id) ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
                    Share
                  </Button>
                )}
                <ShareHistorySheet chatId={row.id} label={row.label} held={row.lastShareUncertain} canRelease={canShare} />
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
