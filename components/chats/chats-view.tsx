'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { chatCountsQuery, chatsViewQuery } from '@/components/chats/chat-queries';
import { ChatTable } from '@/components/chats/chat-table';
import { IndexStatusBar } from '@/components/chats/index-status-bar';
import { SelectionBar } from '@/components/chats/selection-bar';
import { useChatSelection } from '@/components/chats/use-chat-selection';
import { useStickyRows } from '@/components/chats/use-sticky-rows';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { FacetCounts } from '@/lib/chats/index-counts';
import type { ChatsView as View } from '@/lib/chats/views';
import { chatPageHref } from '@/lib/links';
import { type ChatPageQuery } from '@/lib/validations/chats';

/**
 * The index's status, the selection, the page of chats and its pager, kept fresh from the database.
 * The page keys it by the filter alone: moving to another page or order keeps the selection.
 */
export function ChatsView({
  query,
  initialView,
  initialCounts,
  canShare,
  canSync,
}: {
  query: ChatPageQuery;
  initialView: View;
  initialCounts: FacetCounts;
  canShare: boolean;
  canSync: boolean;
}) {
  const pageKey = chatPageHref(query);
  const sticky = useStickyRows(pageKey);
  const viewQuery = chatsViewQuery(query, sticky.keptIds);
  const { data: freshView } = useQuery({ ...viewQuery, initialData: initialView });
  const { view, departedIds } = sticky.merge(freshView);
  // The same query as the filters' counts: its total is how many chats "all matching" covers.
  const { data: counts } = useQuery({ ...chatCountsQuery(query), initialData: initialCounts, enabled: canShare });
  const selection = useChatSelection();

  return (
    <>
      <IndexStatusBar status={view.status} canSync={canSync} />
      {canShare && <SelectionBar state={selection} pageIds={freshView.rows.map((row) => row.id)} matching={counts?.total} query={query} />}
      <Card className="overflow-hidden">
        {/* A row's share status belongs to its page; the selection (above) is kept across pages. */}
        <ChatTable
          key={pageKey}
          view={view}
          viewKey={viewQuery.queryKey}
          departedIds={departedIds}
          canShare={canShare}
          selection={canShare ? selection : undefined}
        />
      </Card>
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        <span>
          {query.cursor && (
            <Link className="text-primary hover:underline" href={chatPageHref({ ...query, cursor: undefined })}>
              First page
            </Link>
          )}
        </span>
        {view.nextCursor && (
          <Button asChild variant="outline" size="sm">
            <Link href={chatPageHref({ ...query, cursor: view.nextCursor })}>
              Next page <ChevronRight aria-hidden />
            </Link>
          </Button>
        )}
      </nav>
    </>
  );
}
