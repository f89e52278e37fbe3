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
 * With a cache (a run's batch), each number's card is read once; a failed read is not kept.
 */
export function currentCard(linq: LinqGateway, sendingNumber: string | null, cache?: CardCache): Promise<LinqContactCard | null | undefined> {
  if (!sendingNumber) return Promise.resolve(null);
  const cached = cache?.get(sendingNumber);
  if (cached) return cached;
  const reading = readCard(linq, sendingNumber);
  if (cache) {
    cache.set(sendingNumber, reading);
    void reading.then((card) => card === undefined && cache.get(sendingNumber) === reading && cache.delete(sendingNumber));
  }
  return reading;
}

/** Reads the line's card from Linq and writes its status to the index. Throws what Linq answered. */
export async function fetchCard(linq: LinqGateway, sendingNumber: string): Promise<LinqContactCard | null> {
  const card = await linq.getContactCard(sendingNumber);
  await recordCardStatus(sendingNumber, cardStatus(card));
  return card;
}

async function readCard(linq: LinqGateway, sendingNumber: string): Promise<LinqContactCard | null | undefined> {
  try {
    return await fetchCard(linq, sendingNumber);
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
