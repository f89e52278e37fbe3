import 'server-only';
import { cardStatus } from '@/lib/cards/status';
import { describeRecentShare, evaluateEligibility, type OutboundKnowledge } from '@/lib/chats/eligibility';
import { chatLabel, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import { upsertChats } from '@/lib/chats/index-store';
import { recordCardStatus } from '@/lib/chats/lines';
import { confirmOutbound } from '@/lib/chats/outbound';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { describeLinqError, getLinq, LinqError, type LinqChat, type LinqContactCard, type LinqGateway } from '@/lib/linq';
import { completeShare, lastSharedAt, reserveShare } from '@/lib/shares/reservation';

export type ShareResult =
  | { status: 'shared'; eventId: string; sharedAt: Date }
  | { status: 'refused'; eventId: string; reason: string }
  | { status: 'failed'; eventId: string; message: string; nextStep: string; code?: number; traceId?: string };

export interface ShareOptions {
  linq?: LinqGateway;
  cooldownMs?: number;
  source?: 'MANUAL' | 'BULK' | 'SCHEDULED';
}

/**
 * The card of the chat's line, kept in the index; undefined when Linq could not say (eligibility
 * then stays pending).
 */
async function currentCard(linq: LinqGateway, sendingNumber: string | null): Promise<LinqContactCard | null | undefined> {
  if (!sendingNumber) return null;
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
async function outboundKnowledge(linq: LinqGateway, chat: LinqChat): Promise<OutboundKnowledge> {
  try {
    return await confirmOutbound(linq, chat.id);
  } catch (error) {
    if (error instanceof LinqError) return 'unknown';
    throw error;
  }
}

/**
 * Shares the chat's line's contact card into the chat, after deciding on the server, with fresh
 * facts, that it may: eligibility first, then a database reservation that lets one request per
 * cooldown through. Every attempt ends as a ShareEvent (refused, failed or succeeded).
 */
export async function shareIntoChat(actorId: string, chatId: string, options: ShareOptions = {}): Promise<ShareResult> {
  const linq = options.linq ?? getLinq();
  const cooldownMs = options.cooldownMs ?? getSettings().shareCooldownMs;
  const source = options.source ?? 'MANUAL';
  const record = (data: { chatLabel: string; sendingNumber?: string | null; participants?: string[] }) =>
    db.shareEvent.create({ data: { chatId, actorId, source, participants: [], ...data }, select: { id: true } });
  const finish = (id: string, data: Parameters<typeof db.shareEvent.update>[0]['data']) =>
    db.shareEvent.update({ where: { id }, data: { completedAt: new Date(), ...data } });

  let chat: LinqChat;
  try {
    chat = await linq.getChat(chatId);
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    const described = describeLinqError(error.facts());
    const event = await record({ chatLabel: chatId });
    await finish(event.id, { outcome: 'FAILED', message: `${described.message} ${described.nextStep}`, linqCode: error.code, httpStatus: error.status, traceId: error.traceId });
    return { status: 'failed', eventId: event.id, ...described, code: error.code, traceId: error.traceId };
  }

  // What Linq just said about the chat keeps the index right too.
  await upsertChats([chat], null);
  const sendingNumber = sendingNumberOf(chat);
  const event = await record({ chatLabel: chatLabel(chat), sendingNumber, participants: participantsOf(chat) });

  // The facts the page showed may be stale: decide again on the server.
  const [card, outbound, shared] = await Promise.all([currentCard(linq, sendingNumber), outboundKnowledge(linq, chat), lastSharedAt([chat.id])]);
  const eligibility = evaluateEligibility({
    chat,
    outbound,
    cardStatus: card === undefined ? undefined : cardStatus(card),
    lastSharedAt: shared.get(chat.id) ?? null,
    now: new Date(),
    cooldownMs,
  });
  if (!eligibility.eligible) {
    const reason = eligibility.blockedBecause ?? 'The console could not confirm that this chat can receive the card right now. Try again in a moment.';
    await finish(event.id, { outcome: 'REFUSED', message: reason });
    return { status: 'refused', eventId: event.id, reason };
  }

  const reservation = await reserveShare(chat.id, event.id, cooldownMs);
  if (!reservation.ok) {
    const reason =
      reservation.reason === 'cooling_down'
        ? describeRecentShare(reservation.lastSucceededAt, new Date(), cooldownMs)
        : 'Another share into this chat is in progress.';
    await finish(event.id, { outcome: 'REFUSED', message: reason });
    return { status: 'refused', eventId: event.id, reason };
  }

  const started = performance.now();
  try {
    const { httpStatus } = await linq.shareContactCard(chat.id);
    const latencyMs = Math.round(performance.now() - started);
    const sharedAt = (await completeShare(chat.id, event.id, true)) ?? new Date();
    await finish(event.id, { outcome: 'SUCCEEDED', httpStatus, latencyMs });
    return { status: 'shared', eventId: event.id, sharedAt };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    await completeShare(chat.id, event.id, false);
    if (!(error instanceof LinqError)) {
      await finish(event.id, { outcome: 'FAILED', latencyMs, message: 'The console failed while sharing; see the server log.' });
      throw error;
    }
    const described = describeLinqError(error.facts(), { phoneNumber: sendingNumber ?? undefined });
    await finish(event.id, {
      outcome: 'FAILED',
      latencyMs,
      message: `${described.message} ${described.nextStep}`,
      linqCode: error.code ?? null,
      httpStatus: error.status ?? null,
      traceId: error.traceId ?? null,
    });
    return { status: 'failed', eventId: event.id, message: described.message, nextStep: described.nextStep, code: error.code, traceId: error.traceId };
  }
}
