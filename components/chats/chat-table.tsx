'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader2, Send, Users } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { chatPageQuery, outboundQuery } from '@/components/chats/chat-queries';
import { EligibilityCell } from '@/components/chats/eligibility-cell';
import { HealthBadge, ServiceBadge } from '@/components/chats/chat-badges';
import { ShareHistorySheet } from '@/components/chats/share-history-sheet';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { shareContactCardAction } from '@/lib/actions/shares';
import { evaluateEligibility, type Eligibility } from '@/lib/chats/eligibility';
import type { ChatPage, ChatRow } from '@/lib/chats/page';
import { formatDateTime } from '@/lib/format';
import type { ChatPageQuery } from '@/lib/validations/chats';

/** The current time, ticking every 30 s so that cooldowns end on screen without a reload. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function matchesFilter(show: ChatPageQuery['show'], eligibility: Eligibility): boolean {
  if (show === 'eligible') return eligibility.eligible || eligibility.pending;
  if (show === 'ineligible') return !eligibility.eligible && !eligibility.pending;
  if (show === 'shared') return eligibility.nextEligibleAt !== null;
  return true;
}

export function ChatTable({ query, initialPage, canShare }: { query: ChatPageQuery; initialPage: ChatPage; canShare: boolean }) {
  const queryClient = useQueryClient();
  const pageQuery = chatPageQuery(query);
  const { data: page } = useQuery({ ...pageQuery, initialData: initialPage });
  const now = useNow();
  const [sharing, setSharing] = useState<ReadonlySet<string>>(new Set());

  // Chats whose outbound presence the database did not know are checked in the background.
  const unknownIds = useMemo(() => page.rows.filter((row) => row.outbound === 'unknown').map((row) => row.id), [page.rows]);
  const { data: checked, isError: checkFailed } = useQuery(outboundQuery(unknownIds));

  const rows = page.rows.map((row) => {
    const outbound = row.outbound === 'unknown' ? (checked?.[row.id] ?? 'unknown') : row.outbound;
    const eligibility = evaluateEligibility({
      chat: row.facts,
      outbound,
      cardStatus: row.cardStatus,
      lastSharedAt: row.lastSharedAt ? new Date(row.lastSharedAt) : null,
      now,
      cooldownMs: page.cooldownMs,
    });
    return { row, eligibility };
  });
  const visible = rows.filter(({ eligibility }) => matchesFilter(query.show, eligibility));

  const setLastShared = (chatId: string, lastSharedAt: string | null) =>
    queryClient.setQueryData(pageQuery.queryKey, (current) =>
      current && { ...current, rows: current.rows.map((r) => (r.id === chatId ? { ...r, lastSharedAt } : r)) },
    );

  const share = useMutation({
    mutationFn: (row: ChatRow) => shareContactCardAction(row.id),
    onMutate: async (row) => {
      setSharing((ids) => new Set(ids).add(row.id));
      await queryClient.cancelQueries({ queryKey: pageQuery.queryKey });
      // Optimistic: the row shows the share at once; undone below if it does not happen.
      setLastShared(row.id, new Date().toISOString());
    },
    onSuccess: (result, row) => {
      if (result.ok) {
        setLastShared(row.id, result.sharedAt);
        toast.success(result.message, { description: row.label });
        return;
      }
      setLastShared(row.id, row.lastSharedAt);
      toast.error(result.message, { description: [result.nextStep, result.traceId && `Trace ${result.traceId}`].filter(Boolean).join(' ') || row.label });
      if (result.kind === 'refused') void queryClient.invalidateQueries({ queryKey: pageQuery.queryKey });
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
    },
  });

  if (page.rows.length === 0) {
    return <p className="p-6 text-sm text-muted-foreground">No chats match. Try another sending number or participant.</p>;
  }

  return (
    <>
      {checkFailed && <p className="px-3 pt-3 text-sm text-destructive">Some chats’ messages could not be read from Linq; reload the page to try again.</p>}
      <Table aria-label="Chats">
        <TableHeader>
          <TableRow>
            <TableHead>Chat</TableHead>
            <TableHead>Sending number</TableHead>
            <TableHead>Service</TableHead>
            <TableHead>Health</TableHead>
            <TableHead>Eligibility</TableHead>
            <TableHead>Last shared</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {visible.map(({ row, eligibility }) => (
            <TableRow key={row.id} aria-label={row.label}>
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
                  <ShareHistorySheet chatId={row.id} label={row.label} />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {visible.length === 0 && <p className="p-6 text-sm text-muted-foreground">No chat on this page matches this filter. Try the next page or another filter.</p>}
    </>
  );
}
