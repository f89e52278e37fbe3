import 'server-only';
import { cardStatus, type CardStatus } from '@/lib/cards/status';
import type { ChatFacts, OutboundKnowledge } from '@/lib/chats/eligibility';
import { chatLabel, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import { knownOutbound } from '@/lib/chats/outbound';
import { LinqError, type LinqGateway, type LinqContactCard } from '@/lib/linq';
import { lastSharedAt } from '@/lib/shares/reservation';
import { normaliseParticipant, type ChatPageQuery } from '@/lib/validations/chats';

/** One chat as the chats page needs it: serialisable, eligibility computed from it in the browser too. */
export interface ChatRow {
  id: string;
  label: string;
  participants: string[];
  sendingNumber: string | null;
  facts: ChatFacts;
  outbound: OutboundKnowledge;
  /** undefined when Linq's cards could not be read. */
  cardStatus: CardStatus | undefined;
  lastSharedAt: string | null;
  updatedAt: string;
}

export interface ChatPage {
  rows: ChatRow[];
  nextCursor: string | null;
  /** The account's lines, for the sending-number filter. */
  lines: string[];
  cooldownMs: number;
  /** The participant search as typed, when it is not a phone number or email Linq can search by. */
  invalidSearch?: string;
}

// The account's lines change rarely (Linq provisions them); reading them once every few minutes
// keeps a page view at two Linq calls: the chats and the cards.
const LINES_TTL_MS = 5 * 60_000;
let linesCache: { lines: string[]; until: number } | undefined;

async function accountLines(linq: LinqGateway, cards: LinqContactCard[] | null): Promise<string[]> {
  if (linesCache && linesCache.until > Date.now()) return linesCache.lines;
  try {
    const lines = (await linq.listPhoneNumbers()).map((line) => line.phoneNumber).sort();
    linesCache = { lines, until: Date.now() + LINES_TTL_MS };
    return lines;
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    return (cards ?? []).map((card) => card.phoneNumber).sort();
  }
}

/**
 * One page of chats with what the database knows about each (outbound presence, last share).
 * Linq: the chats page and the cards, plus the lines every few minutes. Chats whose outbound
 * presence is unknown are left 'unknown' for the browser to have checked (see /api/chats/outbound).
 */
export async function loadChatPage(query: ChatPageQuery, linq: LinqGateway, cooldownMs: number): Promise<ChatPage> {
  const to = query.to ? normaliseParticipant(query.to) : null;
  if (query.to && !to) {
    return { rows: [], nextCursor: null, lines: await accountLines(linq, null), cooldownMs, invalidSearch: query.to };
  }
  const [page, cards] = await Promise.all([
    linq.listChats({ from: query.from, to: to ?? undefined, limit: query.limit, cursor: query.cursor }),
    linq.listContactCards().catch((error: unknown) => (error instanceof LinqError ? null : Promise.reject(error))),
  ]);
  const [lines, outbound, shared] = await Promise.all([
    accountLines(linq, cards),
    knownOutbound(page.items),
    lastSharedAt(page.items.map((chat) => chat.id)),
  ]);
  const cardByNumber = new Map((cards ?? []).map((card) => [card.phoneNumber, card]));

  const rows = page.items.map((chat): ChatRow => {
    const sendingNumber = sendingNumberOf(chat);
    return {
      id: chat.id,
      label: chatLabel(chat),
      participants: participantsOf(chat),
      sendingNumber,
      facts: { service: chat.service, isGroup: chat.isGroup, health: chat.health, handles: chat.handles },
      outbound: outbound.get(chat.id) ?? 'unknown',
      cardStatus: cards === null ? undefined : cardStatus(sendingNumber ? cardByNumber.get(sendingNumber) : null),
      lastSharedAt: shared.get(chat.id)?.toISOString() ?? null,
      updatedAt: chat.updatedAt,
    };
  });
  return { rows, nextCursor: page.nextCursor, lines, cooldownMs };
}
