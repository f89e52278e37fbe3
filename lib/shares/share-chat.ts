import 'server-only';
import { blockCode, describeRecentShare, describeUncertainHold, evaluateEligibility, type BlockCode } from '@/lib/chats/eligibility';
import { chatLabel, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import { markChatsGone, writeChats } from '@/lib/chats/index-store';
import type { IndexedOutbound } from '@/lib/chats/outbound';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { faultPoint } from '@/lib/faults';
import { cardStatus } from '@/lib/lines/card-status';
import { describeLinqError, failureReason, getLinq, LinqError, type LinqChat, type LinqErrorFacts, type LinqGateway } from '@/lib/linq';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import { databaseRefusal, reserveShare, type Reservation, type ShareStateFacts } from '@/lib/shares/reservation';
import { currentCard, outboundForShare, outcomeIsUnknown, type CardCache } from '@/lib/shares/share-checks';
import { settleEvent, settleReservedShare } from '@/lib/shares/share-record';

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
  source?: 'MANUAL' | 'BULK' | 'SCHEDULED' | 'AUTOMATIC';
  /** The bulk or scheduled run it belongs to (none for a manual or automatic share). */
  runId?: string;
  /** The id to give the attempt's ShareEvent (a run names it when it claims the chat). */
  eventId?: string;
  /** A run's batch reads each number's card once. */
  cardCache?: CardCache;
}

type Indexed = { displayName: string | null; participants: string[]; sendingNumber: string | null };
const indexedLabel = (chatId: string, chat: Indexed) => chat.displayName || chat.participants.join(', ') || chatId;

type IndexedChat = Indexed & IndexedOutbound & { goneAt: Date | null; shareState: ShareStateFacts | null };

/** The chat as the index has it, with its share state: one read before anything is asked of Linq. Null: not indexed. */
async function readIndexed(chatId: string): Promise<IndexedChat | null> {
  const [row] = await db.$queryRaw<Array<Omit<IndexedChat, 'shareState'> & ShareStateFacts & { hasState: boolean }>>`
    SELECT c."displayName", c."participants", c."sendingNumber", c."goneAt", c."outbound"::text AS "outbound", c."outboundSource"::text AS "outboundSource",
           s."chatId" IS NOT NULL AS "hasState", s."lastSucceededAt", s."reservedAt", s."reservedBy", s."heldByEventId"
      FROM "Chat" c LEFT JOIN "ChatShareState" s ON s."chatId" = c."id"
     WHERE c."id" = ${chatId}`;
  if (!row) return null;
  const { hasState, lastSucceededAt, reservedAt, reservedBy, heldByEventId, ...chat } = row;
  return { ...chat, shareState: hasState ? { lastSucceededAt, reservedAt, reservedBy, heldByEventId } : null };
}

/** The database's refusal in words: a cooldown (or a hold), or another share in flight. */
function describeRefusal(refusal: Exclude<Reservation, { ok: true }>, cooldownMs: number): { reason: string; code: RefusalCode } {
  if (refusal.reason === 'in_flight') return { reason: 'Another share into this chat is in progress.', code: 'in_flight' };
  const heldUntil = new Date(refusal.lastSucceededAt.getTime() + cooldownMs);
  return { reason: refusal.held ? describeUncertainHold(heldUntil) : describeRecentShare(refusal.lastSucceededAt, new Date(), cooldownMs), code: 'cooldown' };
}

/**
 * Shares the chat's line's contact card into the chat, after deciding on the server, with fresh
 * facts, that it may: the chat must be in the console's index; what the database knows (a share
 * within the cooldown, a hold, another share in flight) is checked before any Linq call; eligibility
 * is then decided again from Linq, and a database reservation lets one request per cooldown through.
 * Every attempt ends as a ShareEvent (refused, failed, unknown or succeeded); what Linq said is
 * written back to the index. Each is counted and logged (one line, with Linq's trace id on failure).
 */
export async function shareIntoChat(actorId: string, chatId: string, options: ShareOptions = {}): Promise<ShareResult> {
  const source = options.source ?? 'MANUAL';
  const result = await attemptShare(actorId, chatId, options);
  const outcome = SHARE_OUTCOME[result.status];
  metrics().shares.inc({ source, outcome });
  // The line that ties a share to its record (eventId) and to Linq's own (traceId).
  logger('shares').info(
    {
      eventId: result.eventId,
      chatId,
      source,
      ...(options.runId && { runId: options.runId }),
      outcome,
      ...(result.status === 'refused' && { reason: result.code }),
      ...(result.status === 'failed' && { linqCode: result.code, traceId: result.traceId }),
    },
    'share',
  );
  return result;
}

const SHARE_OUTCOME = { shared: 'SUCCEEDED', refused: 'REFUSED', unknown: 'UNKNOWN', failed: 'FAILED' } as const;

async function attemptShare(actorId: string, chatId: string, options: ShareOptions): Promise<ShareResult> {
  const linq = options.linq ?? getLinq();
  const cooldownMs = options.cooldownMs ?? getSettings().shareCooldownMs;
  const { source = 'MANUAL', runId, eventId } = options;
  const record = async (data: { chatLabel: string; sendingNumber?: string | null; participants?: string[] }) => {
    const event = await db.shareEvent.create({ data: { id: eventId, chatId, actorId, source, runId, participants: [], ...data }, select: { id: true } });
    faultPoint('share.recorded');
    return event;
  };
  const refuse = async (id: string, reason: string, code: RefusalCode): Promise<ShareResult> => {
    await settleEvent(chatId, id, { outcome: 'REFUSED', message: reason, reason: code });
    return { status: 'refused', eventId: id, reason, code };
  };

  // Only chats the console knows: an id nobody listed costs no Linq call.
  const indexed = await readIndexed(chatId);
  if (!indexed || indexed.goneAt) {
    const event = await record({ chatLabel: indexed ? indexedLabel(chatId, indexed) : chatId });
    return indexed
      ? refuse(event.id, 'Linq no longer has this chat.', 'gone')
      : refuse(
          event.id,
          'The console does not know this chat yet: it appears after the next sync (or as soon as Linq tells of it). Try again then.',
          'unknown_chat',
        );
  }

  // What the database already knows refuses without asking Linq (overlapping runs, repeated clicks).
  const refusal = await databaseRefusal(chatId, cooldownMs, indexed.shareState);
  if (refusal) {
    const event = await record({ chatLabel: indexedLabel(chatId, indexed), sendingNumber: indexed.sendingNumber, participants: indexed.participants });
    const { reason, code } = describeRefusal(refusal, cooldownMs);
    return refuse(event.id, reason, code);
  }

  let chat: LinqChat;
  try {
    chat = await linq.getChat(chatId);
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    if (error.status === 404) await markChatsGone([chatId], new Date());
    const event = await record({ chatLabel: indexedLabel(chatId, indexed), sendingNumber: indexed.sendingNumber, participants: indexed.participants });
    return failBeforeSending(chatId, event.id, error);
  }

  // What Linq just said about the chat keeps the index right too (written alongside the event).
  const sendingNumber = sendingNumberOf(chat);
  const [, event] = await Promise.all([writeChats([chat], null), record({ chatLabel: chatLabel(chat), sendingNumber, participants: participantsOf(chat) })]);

  // The facts the page showed may be stale: decide again on the server. Linq's 429 on these reads
  // ends the attempt as failed (a run then waits as Linq asked). The share state is the one read
  // with the chat: a share that happened since is caught by the reservation below.
  let card: Awaited<ReturnType<typeof currentCard>>;
  let outbound: Awaited<ReturnType<typeof outboundForShare>>;
  const state = indexed.shareState;
  try {
    [card, outbound] = await Promise.all([currentCard(linq, sendingNumber, options.cardCache), outboundForShare(linq, chat.id, indexed)]);
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    return failBeforeSending(chat.id, event.id, error);
  }
  const eligibility = evaluateEligibility({
    chat,
    outbound,
    cardStatus: card === undefined ? undefined : cardStatus(card),
    lastSharedAt: state?.lastSucceededAt ?? null,
    lastShareUncertain: Boolean(state?.heldByEventId),
    now: new Date(),
    cooldownMs,
  });
  if (!eligibility.eligible) {
    const reason = eligibility.blockedBecause ?? 'The console could not confirm that this chat can receive the card right now. Try again in a moment.';
    return refuse(event.id, reason, blockCode(eligibility) ?? 'unconfirmed');
  }

  const reservation = await reserveShare(chat.id, event.id, cooldownMs);
  if (!reservation.ok) {
    const { reason, code } = describeRefusal(reservation, cooldownMs);
    return refuse(event.id, reason, code);
  }
  faultPoint('share.reserved');
  return sendShare(linq, chat.id, event.id, sendingNumber, cooldownMs);
}

/** Linq failed a read the share needed (nothing was sent): recorded as failed, with Linq's facts. */
async function failBeforeSending(chatId: string, eventId: string, error: LinqError): Promise<ShareResult> {
  const facts = error.facts();
  const described = describeLinqError(facts, { purpose: 'share' });
  await settleEvent(chatId, eventId, {
    outcome: 'FAILED',
    message: `${described.message} ${described.nextStep}`,
    reason: failureReason(facts),
    linqCode: error.code,
    httpStatus: error.status,
    traceId: error.traceId,
    docUrl: error.docUrl,
  });
  return { status: 'failed', eventId, ...described, code: error.code, traceId: error.traceId, facts };
}

/** The share itself, under the chat's reservation; its outcome and the reservation's end are written together. */
async function sendShare(linq: LinqGateway, chatId: string, eventId: string, sendingNumber: string | null, cooldownMs: number): Promise<ShareResult> {
  // On failure, the time Linq took includes any wait for a run's request slot (at most one other request).
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { httpStatus, latencyMs } = await linq.shareContactCard(chatId);
    faultPoint('share.sent');
    const sharedAt = (await settleReservedShare(chatId, eventId, 'shared', { outcome: 'SUCCEEDED', httpStatus, latencyMs })) ?? new Date();
    faultPoint('share.settled');
    return { status: 'shared', eventId, sharedAt };
  } catch (error) {
    const latencyMs = elapsed();
    if (!(error instanceof LinqError)) {
      await settleReservedShare(chatId, eventId, 'failed', {
        outcome: 'FAILED',
        latencyMs,
        reason: 'console_error',
        message: 'The console failed while sharing; see the server log.',
      });
      throw error;
    }
    faultPoint('share.failed');
    const facts = error.facts();
    const linqFacts = { linqCode: error.code ?? null, httpStatus: error.status ?? null, traceId: error.traceId ?? null, docUrl: error.docUrl ?? null };
    if (outcomeIsUnknown(error)) {
      // The hold starts when the console gives up: the share counts as made until the cooldown ends.
      const heldAt = new Date();
      const heldUntil = new Date(heldAt.getTime() + cooldownMs);
      const message = describeUncertainHold(heldUntil);
      await settleReservedShare(chatId, eventId, 'uncertain', { outcome: 'UNKNOWN', latencyMs, message, reason: 'timeout', ...linqFacts });
      faultPoint('share.settled');
      return { status: 'unknown', eventId, message, heldUntil };
    }
    const described = describeLinqError(facts, { phoneNumber: sendingNumber ?? undefined, purpose: 'share' });
    await settleReservedShare(chatId, eventId, 'failed', {
      outcome: 'FAILED',
      latencyMs,
      message: `${described.message} ${described.nextStep}`,
      reason: failureReason(facts),
      ...linqFacts,
    });
    faultPoint('share.settled');
    return { status: 'failed', eventId, message: described.message, nextStep: described.nextStep, code: error.code, traceId: error.traceId, facts };
  }
}
