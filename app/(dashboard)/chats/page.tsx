import { ChevronRight } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChatFilters } from '@/components/chats/chat-filters';
import { ChatTable } from '@/components/chats/chat-table';
import { LinqErrorPanel } from '@/components/shell/linq-error-panel';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { getChatPage } from '@/lib/data/chats';
import { chatPageHref, parseChatPageQuery } from '@/lib/validations/chats';

export const metadata: Metadata = { title: 'Chats' };

export default async function ChatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('view');
  const query = parseChatPageQuery(await searchParams);
  const page = await getChatPage(query);

  return (
    <>
      <PageHeader
        title="Chats"
        description="Every chat on your sending numbers, and whether it can receive your contact card now: an iMessage chat where you have sent a message, on a number with an active card, not shared within the cooldown."
      />
      <div className="flex flex-col gap-4">
        {!page.ok ? (
          <LinqErrorPanel error={page.error} />
        ) : (
          <>
            <ChatFilters query={query} lines={page.value.lines} />
            {page.value.invalidSearch !== undefined && (
              <p role="status" className="rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm">
                “{page.value.invalidSearch}” is not a phone number or email Linq can search by. Give a full number with its country code (+14155550123) or an email address.
              </p>
            )}
            <Card className="overflow-hidden">
              <ChatTable key={JSON.stringify(query)} query={query} initialPage={page.value} canShare={can(user.role, 'shareCards')} />
            </Card>
            <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
              <span>Filters apply to the chats of this page. {query.cursor && <Link className="text-primary hover:underline" href={chatPageHref({ ...query, cursor: undefined })}>First page</Link>}</span>
              {page.value.nextCursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={chatPageHref({ ...query, cursor: page.value.nextCursor })}>
                    Next page <ChevronRight aria-hidden />
                  </Link>
                </Button>
              )}
            </nav>
          </>
        )}
      </div>
    </>
  );
}
