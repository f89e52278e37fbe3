import 'server-only';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { recordOutboundReads } from '@/lib/chats/index-store';
import { db } from '@/lib/db';
import type { LinqGateway } from '@/lib/linq';

/** The index's answer as eligibility reads it. */
export function outboundKnowledge(state: 'YES' | 'NO' | 'UNKNOWN'): OutboundKnowledge {
  return state === 'YES' ? 'yes' : state === 'NO' ? 'no' : 'unknown';
}

/**
 * Whether the business has sent a message in the chat, for a share about to be sent: a "yes" the
 * chat's messages showed is final; a "yes" only a webhook asserted, and anything else, is read
 * from the chat's messages now and written back to the index.
 */
export async function confirmOutbound(linq: LinqGateway, chatId: string): Promise<OutboundKnowledge> {
  const indexed = await db.chat.findUnique({ where: { id: chatId }, select: { outbound: true, outboundSource: true } });
  if (indexed?.outbound === 'YES' && indexed.outboundSource !== 'WEBHOOK') return 'yes';
  const readAt = new Date();
  const facts = await linq.readOutbound(chatId);
  await recordOutboundReads([{ chatId, facts }], readAt);
  if (facts.hasOutbound) return 'yes';
  // A webhook newer than the read may still say yes: the index has the last word.
  const after = await db.chat.findUnique({ where: { id: chatId }, select: { outbound: true } });
  return after?.outbound === 'YES' ? 'yes' : 'no';
}
