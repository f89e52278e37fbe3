import 'server-only';
import { cardStatus } from '@/lib/cards/status';
import { blockCode, describeRecentShare, describeUncertainHold, evaluateEligibility, type BlockCode } from '@/lib/chats/eligibility';
import { chatLabel, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import { markChatsGone, upsertChats } from '@/lib/chats/index-store';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { describeLinqError, getLinq, LinqError, type LinqChat, type LinqErrorFacts, type LinqGateway } from '@/lib/linq';
import { currentCard, outboundKnowledge, outcomeIsUnknown, type CardCache } from '@/lib/shares/share-checks';
import { completeShare, reserveShare } from '@/lib/shares/reservation';

export type ShareResult =
  | { status: 'shared'; eventId: string; sharedAt: Date }
  | { status: 'refused'; eventId: string; reason: string; code: RefusalCode }
  /** Linq did not answer in time: the card may have reached the customer; the chat is held until `heldUntil`. */
  | { status: 'unknown'; eventId: string; message: string; heldUntil: Date }
  | { status: 'failed'; eventId: string; message: string; nextStep: string; code?: number; traceId?: string; facts?: LinqErrorFacts };

/** Why a share was refused: a rule of eligibility, or the console's own reasons. */
export type RefusalCode = BlockCode | 'unknown_chat' | 'gone' | 'in_flight';

export interface ShareOptions {
  linq?: LinqGateway;
  cooldownMs?: number;
  source?: 'MANUAL' | 'BULK' | 'SCHEDULED';
  /** The bulk or scheduled run it belongs to. */
  runId?: string;
  /** A run's batch reads each number's card once. */
  cardCache?: CardCache;
}

/**
 * Shares the chat's line's contact card into the chat, after deciding on the server, with fresh
 * facts, that it may: the chat must be in the console's index; eligibility is decided again from
 * Linq; then a database reservation lets one request per cooldown through. Every attempt ends as a
 * ShareEvent (refused, failed, unknown or succeeded); what Linq said is written back to the index.
 */
export async function shareIntoChat(actorId: string, chatId: string, options: ShareOptions = {}): Promise<ShareResult> {
  const linq = options.linq ?? getLinq();
  const cooldownMs = options.cooldownMs ?? getSettings().shareCooldownMs;
  const { source = 'MANUAL', runId } = options;
  const record = (data: { chatLabel: string; sendingNumber?: string | null; participants?: string[] }) =>
    db.shareEvent.create({ data: { chatId, actorId, source, runId, participants: [], ...data }, select: { id: true } });
  const finish = (id: string, data: Parameters<typeof db.shareEvent.update>[0]['data']) =>
    db.shareEvent.update({ where: { id }, data: { completedAt: new Date(), ...data } });
  const refuse = async (eventId: string, reason: string, code: RefusalCode): Promise<ShareResult> => {
    await finish(eventId, { outcome: 'REFUSED', message: reason });
    return { status: 'refused', eventId, reason, code };
  };

  // Only chats the console knows: an id nobody listed costs no Linq call.
  const indexed = await db.chat.findUnique({ where: { id: chatId }, select: { displayName: true, participants: true, goneAt: true } });
  if (!indexed || indexed.goneAt) {
    const event = await record({ chatLabel: indexed ? indexed.displayName || indexed.participants.join(', ') || chatId : chatId });
    return indexed
      ? refuse(event.id, 'Linq no longer has this chat.', 'gone')
      : refuse(event.id, 'The console does not know this chat yet: it appears after the next sync (or as soon as Linq tells of it). Try again then.', 'unknown_chat');
  }

  let chat: LinqChat;
  try {
    chat = await linq.getChat(chatId);
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    if (error.status === 404) await markChatsGone([chatId], new Date());
    const described = describeLinqError(error.facts());
    const event = await record({ chatLabel: indexed.displayName || indexed.participants.join(', ') || chatId });
    await finish(event.id, { outcome: 'FAILED', message: `${described.message} ${described.nextStep}`, linqCode: error.code, httpStatus: error.status, traceId: error.traceId });
    return { status: 'failed', eventId: event.id, ...described, code: error.code, traceId: error.traceId, facts: error.facts() };
  }

  // What Linq just said about the chat keeps the index right too (written alongside the event).
  const sendingNumber = sendingNumberOf(chat);
  const [, event] = await Promise.all([upsertChats([chat], null), record({ chatLabel: chatLabel(chat), sendingNumber, participants: participantsOf(chat) })]);

  // The facts the page showed may be stale: decide again on the server.
  const [card, outbound, state] = await Promise.all([
    currentCard(linq, sendingNumber, options.cardCache),
    outboundKnowledge(linq, chat.id),
    db.chatShareState.findUnique({ where: { chatId: chat.id }, select: { lastSucceededAt: true, heldByEventId: true } }),
  ]);
  const now = new Date();
  const eligibility = evaluateEligibility({
    chat,
    outbound,
    cardStatus: card === undefined ? undefined : cardStatus(card),
    lastSharedAt: state?.lastSucceededAt ?? null,
    lastShareUncertain: Boolean(state?.heldByEventId),
    now,
    cooldownMs,
  });
  if (!eligibility.eligible) {
    const reason = eligibility.blockedBecause ?? 'The console could not confirm that this chat can receive the card right now. Try again in a moment.';
    return refuse(event.id, reason, blockCode(eligibility) ?? 'unconfirmed');
  }

  const reservation = await reserveShare(chat.id, event.id, cooldownMs);
  if (!reservation.ok) {
    return reservation.reason === 'cooling_down'
      ? refuse(event.id, describeRecentShare(reservation.lastSucceededAt, new Date(), cooldownMs), 'cooldown')
      : refuse(event.id, 'Another share into this chat is in progress.', 'in_flight');
  }

  const started = performance.now();
  try {
    const { httpStatus } = await linq.shareContactCard(chat.id);
    const latencyMs = Math.round(performance.now() - started);
    const sharedAt = (await completeShare(chat.id, event.id, 'shared')) ?? new Date();
    await finish(event.id, { outcome: 'SUCCEEDED', httpStatus, latencyMs });
    return { status: 'shared', eventId: event.id, sharedAt };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (!(error instanceof LinqError)) {
      await completeShare(chat.id, event.id, 'failed');
      await finish(event.id, { outcome: 'FAILED', latencyMs, message: 'The console failed while sharing; see the server log.' });
      throw error;
    }
    const linqFacts = { linqCode: error.code ?? null, httpStatus: error.status ?? null, traceId: error.traceId ?? null };
    if (outcomeIsUnknown(error)) {
      const heldAt = (await completeShare(chat.id, event.id, 'uncertain')) ?? new Date();
      const heldUntil = new Date(heldAt.getTime() + cooldownMs);
      const message = describeUncertainHold(heldUntil);
      await finish(event.id, { outcome: 'UNKNOWN', latencyMs, message, ...linqFacts });
      return { status: 'unknown', eventId: event.id, message, heldUntil };
    }
    await completeShare(chat.id, event.id, 'failed');
    const described = describeLinqError(error.facts(), { phoneNumber: sendingNumber ?? undefined });
    await finish(event.id, { outcome: 'FAILED', latencyMs, message: `${described.message} ${described.nextStep}`, ...linqFacts });
    return { status: 'failed', eventId: event.id, message: described.message, nextStep: described.nextStep, code: error.code, traceId: error.traceId, facts: error.facts() };
  }
}
