import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readChatsView, type ChatsView } from '@/lib/chats/views';
import type { ChatPageQuery } from '@/lib/validations/chats';

export async function getChatsView(query: ChatPageQuery): Promise<ChatsView> {
  await requirePermission('view');
  return readChatsView(query);
}
