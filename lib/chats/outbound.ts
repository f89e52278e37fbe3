import 'server-only';
import type { Chat } from '@/generated/prisma/client';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { recordOutboundReads } from '@/lib/chats/index-store';
import { db } from '@/lib/db';
import type { LinqGateway } from '@/lib/linq';

/** The index's answer as eligibility reads it. */
export function outboundKnowledge(state: 'YES' | 'NO' | 'UNKNOWN'): OutboundKnowledge {
  return state === 'YES' ? 'yes' : state === 'NO' ? 'no' : 'unknown';
}

/** The index's outbound answer and where it came from (a share reads it with the chat). */
export type IndexedOutbound = Pick<Chat, 'outbound' | 'outboundSource'>;

/**
 * Whether the business has sent a message in the chat, for a share about to be sent: a "yes" the
 * chat's messages showed is final; a "yes" only a webhook asserted, and anything else, is read
 * from the chat's messages now and written back to the index. `known`: the index's answer, when
 * the caller has just read it.
 */
export async function confirmOutbound(linq: LinqGateway, chatId: string, known?: IndexedOutbound | null): Promise<OutboundKnowledge> {
  const indexed = known !== undefined ? known : await db.chat.findUnique({ where: { id: chatId }, select: { outbound: true, outboundSource: true } });
  if (indexed?.outbound === 'YES' && indexed.outboundSource !== 'WEBHOOK') return 'yes';
  const readAt = new Date();
  const facts = await linq.readOutbound(chatId);
  await recordOutboundReads([{ chatId, facts }], readAt);
  if (facts.hasOutbound) return 'yes';
  // A webhook newer than the read may still say yes: the index has the last word.
  const after = await db.chat.findUnique({ where: { id: chatId }, select: { outbound: true } });
  return after?.outbound === 'YES' ? 'yes' : 'no';
}
