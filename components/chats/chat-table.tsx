'use client';

import type { QueryKey } from '@tanstack/react-query';
import { ChatCards } from '@/components/chats/chat-cards';
import { ChatActions, ChatFacts, ChatName, ChatShareStatus, LastShared, type ChatLinesProps } from '@/components/chats/chat-line';
import { EligibilityCell } from '@/components/chats/eligibility-cell';
import type { ChatSelectionState } from '@/components/chats/use-chat-selection';
import { useRowShares } from '@/components/chats/use-row-shares';
import { useNow } from '@/components/hooks/use-now';
import { RelativeTime, useViewerTimeZone } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { evaluateEligibility } from '@/lib/chats/eligibility';
import type { ChatsView } from '@/lib/chats/views';

/** The page of chats: a table on wide screens, stacked cards below 1024 px (both kept in step). */
export function ChatTable({
  view,
  viewKey,
  departedIds,
  canShare,
  selection,
}: {
  view: ChatsView;
  viewKey: QueryKey;
  /** Rows kept on screen that no longer match the view (useStickyRows). */
  departedIds: ReadonlySet<string>;
  canShare: boolean;
  selection?: ChatSelectionState;
}) {
  // The server's time until the browser's clock takes over (the same on both sides of hydration),
  // then ticking, so that cooldowns end on screen without a reload.
  const now = useNow() ?? new Date(view.generatedAt);
  const timeZone = useViewerTimeZone() ?? 'UTC';
  const shares = useRowShares(view, viewKey);

  if (shares.rows.length === 0) {
    return <p className="p-6 text-sm text-muted-foreground">No chat matches these filters. Try another filter, or clear the search.</p>;
  }

  const lines = shares.rows.map((row) => ({
    row,
    share: shares.shareOf(row.id),
    departed: departedIds.has(row.id),
    eligibility: evaluateEligibility({
      chat: row.facts,
      outbound: row.outbound,
      cardStatus: row.cardStatus,
      lastSharedAt: row.lastSharedAt ? new Date(row.lastSharedAt) : null,
      now,
      cooldownMs: view.cooldownMs,
      lineFlagged: row.lineFlagged,
      lastShareUncertain: row.lastShareUncertain,
      timeZone,
    }),
  }));
  const pageIds = view.rows.filter((row) => !departedIds.has(row.id)).map((row) => row.id);
  const props: ChatLinesProps = { lines, canShare, selection, pageIds, onShare: shares.share };
  return (
    <>
      <div className="hidden lg:block">
        <WideTable {...props} />
      </div>
      <div className="lg:hidden">
        <ChatCards {...props} />
      </div>
    </>
  );
}

// The first and last columns stay in view when the table is wider than its box (below 1280 px):
// the checkbox on the left, Share and the history on the right, each on the card's own background.
const PINNED_LEFT = 'sticky left-0 z-10 bg-card';
const PINNED_RIGHT = 'sticky right-0 z-10 bg-card shadow-[-1px_0_0_var(--border)]';

/**
 * The table from 1024 px up. The sending number, service and health fold under the chat's name,
 * so that the columns fit a 1280 px laptop beside the sidebar with the actions in view.
 */
function WideTable({ lines, canShare, selection, pageIds, onShare }: ChatLinesProps) {
  return (
    <Table aria-label="Chats">
      <TableHeader>
        <TableRow>
          {selection && (
            <TableHead className={`w-10 ${PINNED_LEFT}`}>
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
          <TableHead>Eligibility</TableHead>
          <TableHead>Last activity</TableHead>
          <TableHead>Last shared</TableHead>
          <TableHead className={PINNED_RIGHT}>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lines.map((line) => {
          const { row, eligibility } = line;
          return (
            <TableRow key={row.id} aria-label={row.label}>
              {selection && (
                <TableCell className={PINNED_LEFT}>
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    aria-label={`Select ${row.label}`}
                    checked={selection.isSelected(row.id)}
                    onChange={() => selection.toggle(row.id, pageIds)}
                  />
                </TableCell>
              )}
              <TableCell className="max-w-72 min-w-48">
                <ChatName row={row} departed={line.departed} />
                <ChatFacts row={row} />
              </TableCell>
              <TableCell className="max-w-64">
                <div className="flex flex-col gap-2">
                  <EligibilityCell eligibility={eligibility} label={row.label} />
                  <ChatShareStatus line={line} layout="table" canShare={canShare} onShare={onShare} />
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                <RelativeTime value={row.activityAt} />
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">
                <LastShared row={row} eligibility={eligibility} />
              </TableCell>
              <TableCell className={PINNED_RIGHT}>
                <div className="flex items-center justify-end gap-1">
                  <ChatActions line={line} canShare={canShare} onShare={onShare} />
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
