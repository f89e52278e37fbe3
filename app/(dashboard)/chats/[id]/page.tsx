import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChatPanelView } from '@/components/chats/chat-panel';
import { RefreshOnLive } from '@/components/live/refresh-on-live';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { requirePermission } from '@/lib/auth/guards';
import { getChatPanel } from '@/lib/data/chats';
import { can } from '@/lib/roles';

export const metadata: Metadata = { title: 'Chat' };

/** A chat's panel, with an address of its own (shared in a message, kept in a bookmark). */
export default async function ChatPanelPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('view');
  const { id } = await params;
  const panel = await getChatPanel(id);
  if (!panel) notFound();

  return (
    <>
      <RefreshOnLive topics={['chats', 'cards']} />
      <PageHeader
        title={panel.row.label}
        description="What the console’s index knows of this chat, whether it can receive your card, every share, and its last messages."
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/chats">
              <ChevronLeft aria-hidden /> All chats
            </Link>
          </Button>
        }
      />
      <ChatPanelView panel={panel} canRelease={can(user.role, 'shareCards')} />
    </>
  );
}
