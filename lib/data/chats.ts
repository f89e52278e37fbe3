import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import type { FacetCounts } from '@/lib/chats/index-query';
import { readChatCounts, readChatPanel, readChatsView, type ChatPanel, type ChatsView } from '@/lib/chats/views';
import { readBetweenEvents } from '@/lib/live/store';
import type { ChatPageQuery } from '@/lib/validations/chats';

export async function getChatsView(query: ChatPageQuery): Promise<ChatsView> {
  await requirePermission('view');
  return readChatsView(query);
}

export async function getChatPanel(chatId: string): Promise<ChatPanel | null> {
  await requirePermission('view');
  return chatId.length > 100 ? null : readChatPanel(chatId);
}

/**
 * The counts beside the filters, read with the page (as the counts route reads them), so that the
 * page arrives complete instead of filling its numbers in afterwards.
 */
export async function getChatCounts(query: ChatPageQuery): Promise<FacetCounts> {
  await requirePermission('view');
  return readBetweenEvents(() => readChatCounts(query));
}
