import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import type { FacetCounts } from '@/lib/chats/index-counts';
import { readChatCounts, readChatPanel, readChatsView, type ChatPanel, type ChatsView } from '@/lib/chats/views';
import { readBetweenEvents } from '@/lib/live/store';
import type { ChatPageQuery } from '@/lib/validations/chats';

export async function getChatsView(query: ChatPageQuery): Promise<ChatsView> {
  const user = await requirePermission('view');
  return readChatsView(query, user.numbers);
}

/** A chat's panel; null (a 404) for a chat of a number outside the person's, as for one that does not exist. */
export async function getChatPanel(chatId: string): Promise<ChatPanel | null> {
  const user = await requirePermission('view');
  return chatId.length > 100 ? null : readChatPanel(chatId, user.numbers);
}

/**
 * The counts beside the filters, read with the page (as the counts route reads them), so that the
 * page arrives complete instead of filling its numbers in afterwards.
 */
export async function getChatCounts(query: ChatPageQuery): Promise<FacetCounts> {
  const user = await requirePermission('view');
  return readBetweenEvents(() => readChatCounts(query, user.numbers));
}
