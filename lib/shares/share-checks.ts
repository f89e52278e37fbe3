import 'server-only';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { confirmOutbound, type IndexedOutbound } from '@/lib/chats/outbound';
import { cardStatus } from '@/lib/lines/card-status';
import { recordCardStatus } from '@/lib/lines/store';
import { LinqError, type LinqContactCard, type LinqGateway } from '@/lib/linq';

// The facts a share decides on, read fresh from Linq and written back to the index.

/** Cards already read for this batch of shares, by number. */
export type CardCache = Map<string, Promise<LinqContactCard | null | undefined>>;

/**
 * The card of the chat's line; undefined when Linq could not say (eligibility then stays pending).
 * Linq's 429 is thrown, so that whoever shares waits as Linq asked. With a cache (a run's batch),
 * each number's card is read once, by the first share that needs it; a failed read is not kept.
 */
export function currentCard(linq: LinqGateway, sendingNumber: string | null, cache?: CardCache): Promise<LinqContactCard | null | undefined> {
  if (!sendingNumber) return Promise.resolve(null);
  const cached = cache?.get(sendingNumber);
  if (cached) return cached;
  const reading = readCard(linq, sendingNumber);
  if (cache) {
    cache.set(sendingNumber, reading);
    const forget = () => cache.get(sendingNumber) === reading && cache.delete(sendingNumber);
    reading.then((card) => card === undefined && forget(), forget);
  }
  return reading;
}

/** Reads the line's card from Linq and writes its status to the index; undefined when Linq could not say. */
async function readCard(linq: LinqGateway, sendingNumber: string): Promise<LinqContactCard | null | undefined> {
  try {
    const card = await linq.getContactCard(sendingNumber);
    await recordCardStatus(sendingNumber, cardStatus(card));
    return card;
  } catch (error) {
    if (error instanceof LinqError && error.status !== 429) return undefined;
    throw error;
  }
}

/**
 * Outbound presence from the index when the messages showed it, else from the chat's messages
 * now; unknown if they cannot be read (Linq's 429 is thrown, as for the card).
 */
export async function outboundForShare(linq: LinqGateway, chatId: string, known?: IndexedOutbound): Promise<OutboundKnowledge> {
  try {
    return await confirmOutbound(linq, chatId, known);
  } catch (error) {
    if (error instanceof LinqError && error.status !== 429) return 'unknown';
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
