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
 * Whether the business has sent a message in the chat, for a share about to be sent: "yes" from the
 * index is final; anything else is read from the chat's messages now and written back to the index.
 */
export async function confirmOutbound(linq: LinqGateway, chatId: string): Promise<OutboundKnowledge> {
  const indexed = await db.chat.findUnique({ where: { id: chatId }, select: { outbound: true } });
  if (indexed?.outbound === 'YES') return 'yes';
  const facts = await linq.readOutbound(chatId);
  await recordOutboundReads([{ chatId, facts }], new Date());
  return facts.hasOutbound ? 'yes' : 'no';
}
