import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { loadChatPage, type ChatPage } from '@/lib/chats/page';
import { getSettings } from '@/lib/env';
import { queryShareEvents, type ShareHistoryRow } from '@/lib/history/shares';
import { getLinq, readLinq, type LinqRead } from '@/lib/linq';
import type { ChatPageQuery } from '@/lib/validations/chats';

/** The chats page, or the Linq failure to show in its place. Callers check the session first. */
export async function readChatPage(query: ChatPageQuery): Promise<LinqRead<ChatPage>> {
  return readLinq(() => loadChatPage(query, getLinq(), getSettings().shareCooldownMs));
}

export async function getChatPage(query: ChatPageQuery): Promise<LinqRead<ChatPage>> {
  await requirePermission('view');
  return readChatPage(query);
}

/** A chat's share attempts, newest first (History's query, scoped to the chat). Callers check the session first. */
export function readChatShares(chatId: string): Promise<ShareHistoryRow[]> {
  return queryShareEvents({ chatId }, null, 50);
}
