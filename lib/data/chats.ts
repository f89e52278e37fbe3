import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { loadChatPage, type ChatPage } from '@/lib/chats/page';
import type { LinqRead } from '@/lib/data/contact-cards';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { describeLinqError, getLinq, LinqError } from '@/lib/linq';
import type { ChatPageQuery } from '@/lib/validations/chats';

/** The chats page, or the Linq failure to show in its place. Callers check the session first. */
export async function readChatPage(query: ChatPageQuery): Promise<LinqRead<ChatPage>> {
  try {
    return { ok: true, value: await loadChatPage(query, getLinq(), getSettings().shareCooldownMs) };
  } catch (error) {
    if (error instanceof LinqError) return { ok: false, error: describeLinqError(error.facts()) };
    throw error;
  }
}

export async function getChatPage(query: ChatPageQuery): Promise<LinqRead<ChatPage>> {
  await requirePermission('view');
  return readChatPage(query);
}

/** A chat's share attempts, newest first. Callers check the session first. */
export async function readChatShares(chatId: string) {
  const events = await db.shareEvent.findMany({
    where: { chatId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: {
      id: true,
      createdAt: true,
      outcome: true,
      source: true,
      message: true,
      linqCode: true,
      traceId: true,
      latencyMs: true,
      sendingNumber: true,
      actor: { select: { name: true } },
    },
  });
  return events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() }));
}

export type ChatShareEvent = Awaited<ReturnType<typeof readChatShares>>[number];
