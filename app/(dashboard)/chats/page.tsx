import type { Metadata } from 'next';
import { ChatFilters } from '@/components/chats/chat-filters';
import { ChatsView } from '@/components/chats/chats-view';
import { PageHeader } from '@/components/shell/page-header';
import { SaveViewDialog } from '@/components/views/save-view-dialog';
import { requirePermission } from '@/lib/auth/guards';
import { getChatCounts, getChatsView } from '@/lib/data/chats';
import { chatPageHref, viewQueryOf } from '@/lib/links';
import { can } from '@/lib/roles';
import { parseChatPageQuery } from '@/lib/validations/chats';
import { describeChatFilter } from '@/lib/views/describe';

export const metadata: Metadata = { title: 'Chats' };

export default async function ChatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('view');
  const query = parseChatPageQuery(await searchParams);
  const [view, counts] = await Promise.all([getChatsView(query), getChatCounts(query)]);
  const filterKey = chatPageHref({ ...query, cursor: undefined, sort: undefined, limit: undefined });

  return (
    <>
      <PageHeader
        actions={<SaveViewDialog query={viewQueryOf(query)} suggestedName={describeChatFilter(query)} canShare={can(user.role, 'shareViews')} />}
        title="Chats"
        description="Every chat on your sending numbers, and whether it can receive your contact card now: an iMessage chat where you have sent a message, on a number with an active card, not shared within the cooldown."
      />
      <div className="flex flex-col gap-4">
        <ChatFilters key={chatPageHref({ ...query, q: undefined })} query={query} lines={view.lines} initialCounts={counts} />
        <ChatsView
          key={`view-${filterKey}`}
          query={query}
          initialView={view}
          initialCounts={counts}
          canShare={can(user.role, 'shareCards')}
          canSync={can(user.role, 'syncChats')}
        />
      </div>
    </>
  );
}
