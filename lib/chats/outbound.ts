import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { db } from '@/lib/db';
import type { LinqGateway } from '@/lib/linq';

/** At most this many chats' messages are read from Linq at the same time. */
export const OUTBOUND_CHECK_CONCURRENCY = 8;
/** A "no" is trusted for at most this long, even for a chat that shows no activity. */
const NEGATIVE_TTL_MS = 24 * 3_600_000;

export interface ChatActivity {
  id: string;
  /** Linq's updated_at: activity after the last check makes a cached "no" stale. */
  updatedAt: string;
}

/** Pure: what a cached check still says about a chat. */
export function knowledgeFromCache(
  cached: { hasOutbound: boolean; checkedAt: Date } | undefined,
  chat: ChatActivity,
  now: Date,
): OutboundKnowledge {
  if (!cached) return 'unknown';
  if (cached.hasOutbound) return 'yes';
  const fresh = now.getTime() - cached.checkedAt.getTime() < NEGATIVE_TTL_MS;
  return fresh && new Date(chat.updatedAt) <= cached.checkedAt ? 'no' : 'unknown';
}

/** What the database already knows: one query, no Linq call. */
export async function cachedOutbound(chats: ChatActivity[], now = new Date()): Promise<Map<string, OutboundKnowledge>> {
  const rows = await db.chatOutbound.findMany({ where: { chatId: { in: chats.map((c) => c.id) } } });
  const byId = new Map(rows.map((row) => [row.chatId, row]));
  return new Map(chats.map((chat) => [chat.id, knowledgeFromCache(byId.get(chat.id), chat, now)]));
}

/**
 * Reads the messages of chats whose outbound presence is not known, a few at a time, and keeps
 * the answers. A chat whose messages cannot be read stays 'unknown'; the others are unaffected.
 */
export async function checkOutbound(chatIds: string[], linq: LinqGateway): Promise<Map<string, OutboundKnowledge>> {
  const checkedAt = new Date();
  const results = await mapWithConcurrency(chatIds, OUTBOUND_CHECK_CONCURRENCY, (id) => linq.hasOutboundMessage(id));
  const answers = new Map<string, OutboundKnowledge>();
  const known: Array<{ chatId: string; hasOutbound: boolean }> = [];
  results.forEach((result, index) => {
    const chatId = chatIds[index]!;
    if (result.status === 'rejected') return void answers.set(chatId, 'unknown');
    answers.set(chatId, result.value ? 'yes' : 'no');
    known.push({ chatId, hasOutbound: result.value });
  });
  if (known.length > 0) {
    await db.$transaction(
      known.map(({ chatId, hasOutbound }) =>
        db.chatOutbound.upsert({
          where: { chatId },
          create: { chatId, hasOutbound, checkedAt },
          // A chat that has had an outbound message keeps it: never turn "yes" back into "no".
          update: hasOutbound ? { hasOutbound: true, checkedAt } : { checkedAt },
        }),
      ),
    );
  }
  return answers;
}
