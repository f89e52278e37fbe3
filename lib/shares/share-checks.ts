import 'server-only';
import { cardStatus } from '@/lib/cards/status';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { recordCardStatus } from '@/lib/chats/lines';
import { confirmOutbound } from '@/lib/chats/outbound';
import { LinqError, type LinqContactCard, type LinqGateway } from '@/lib/linq';

// The facts a share decides on, read fresh from Linq and written back to the index.

/** Cards already read for this batch of shares, by number. */
export type CardCache = Map<string, Promise<LinqContactCard | null | undefined>>;

/**
 * The card of the chat's line; undefined when Linq could not say (eligibility then stays pending).
 * With a cache (a run's batch), each number's card is read once.
 */
export function currentCard(linq: LinqGateway, sendingNumber: string | null, cache?: CardCache): Promise<LinqContactCard | null | undefined> {
  if (!sendingNumber) return Promise.resolve(null);
  if (!cache) return readCard(linq, sendingNumber);
  if (!cache.has(sendingNumber)) cache.set(sendingNumber, readCard(linq, sendingNumber));
  return cache.get(sendingNumber)!;
}

async function readCard(linq: LinqGateway, sendingNumber: string): Promise<LinqContactCard | null | undefined> {
  try {
    const card = await linq.getContactCard(sendingNumber);
    await recordCardStatus(sendingNumber, cardStatus(card));
    return card;
  } catch (error) {
    if (error instanceof LinqError) return undefined;
    throw error;
  }
}

/** Outbound presence from the index when it is "yes", else from the chat's messages now; unknown if they cannot be read. */
export async function outboundKnowledge(linq: LinqGateway, chatId: string): Promise<OutboundKnowledge> {
  try {
    return await confirmOutbound(linq, chatId);
  } catch (error) {
    if (error instanceof LinqError) return 'unknown';
    throw error;
  }
}

/**
 * Linq did not answer in time (our timeout, or its own 504/3005): the share may well have reached the
 * customer. Anything else that failed did not happen.
 */
export function outcomeIsUnknown(error: LinqError): boolean {
  return error.kind === 'timeout' || error.status === 504 || error.code === 3005;
}
