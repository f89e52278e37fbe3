import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readChatPanel, readChatsView, type ChatPanel, type ChatsView } from '@/lib/chats/views';
import type { ChatPageQuery } from '@/lib/validations/chats';

export async function getChatsView(query: ChatPageQuery): Promise<ChatsView> {
  await requirePermission('view');
  return readChatsView(query);
}

export async function getChatPanel(chatId: string): Promise<ChatPanel | null> {
  await requirePermission('view');
  return chatId.length > 100 ? null : readChatPanel(chatId);
}
