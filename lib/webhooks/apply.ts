import 'server-only';
import type { WebhookDelivery } from '@/generated/prisma/client';
import { considerChats } from '@/lib/auto/triggers';
import { eligibleNow } from '@/lib/chats/index-query';
import { recordInboundMessage, recordInboundMessages, recordOutboundMessage, writeChats } from '@/lib/chats/index-store';
import { mapWithConcurrency } from '@/lib/concurrency';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { recordLineStatus } from '@/lib/lines/store';
import { describeLinqError, LinqError, retryAfter, type LinqGateway } from '@/lib/linq';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import { clampEventTime, parseEnvelope, planChange, subjectOfEvent, type IndexChange } from '@/lib/webhooks/events';

/** Deliveries applied per step, oldest event first. */
const BATCH_SIZE = 100;

/** Linq asked to wait while a chat was being read: the rest waits for the next job. */
export class ApplyPaused extends Error {
  constructor(readonly until: Date) {
    super(`Linq asked to wait until ${until.toISOString()}`);
  }
}

/** Reads a chat the index does not have yet (or must read again) and indexes it. */
async function indexChatFromLinq(linq: LinqGateway, chatId: string): Promise<void> {
  await writeChats([await linq.getChat(chatId)], null);
}

/**
 * `change`: what applying it changed, in a sentence (the delivery log); `note`: why nothing changed.
 * `conversation`: a message's chat, whose automatic share the caller then considers.
 */
type Outcome = { status: 'APPLIED' | 'IGNORED'; change?: string; note?: string; conversation?: string };

/** Read from Linq first when the index did not have the chat yet. */
const READ_FIRST = ' (the chat was new to the index: read from Linq first)';

/**
 * What a signed event may change (and, for a message, whether the conversation just reached the
 * trigger of its number's automatic share): message times and line status times are believed only up to
 * when the event arrived; a chat's facts come from Linq itself, read again; a line event applies
 * only to one of the account's own numbers. A full sync can correct anything an event set.
 */
async function carryOut(change: IndexChange, linq: LinqGateway, receivedAt: Date): Promise<Outcome> {
  // A customer's message moves none of the rules of eligibility, so it is spared the two reads: a
  // known chat gains only its inbound times, and a chat new to the index is not eligible until its
  // messages have been read (whether we have written in it is unknown).
  if (change.kind === 'outbound' || change.kind === 'refresh') {
    return withEligibility(change.chatId, () => carryOutChange(change, linq, receivedAt));
  }
  return carryOutChange(change, linq, receivedAt);
}

/** What applying a chat's event did to its eligibility, said after what it recorded (the delivery log). */
async function withEligibility(chatId: string, apply: () => Promise<Outcome>): Promise<Outcome> {
  const cooldownMs = getSettings().shareCooldownMs;
  const before = await eligibleNow(chatId, cooldownMs);
  const outcome = await apply();
  if (outcome.status !== 'APPLIED') return outcome;
  const after = await eligibleNow(chatId, cooldownMs);
  if (after === before) return outcome;
  return { ...outcome, change: `${outcome.change} ${after ? 'The chat became eligible for the card.' : 'The chat can no longer receive the card.'}` };
}

async function carryOutChange(change: IndexChange, linq: LinqGateway, receivedAt: Date): Promise<Outcome> {
  switch (change.kind) {
    case 'outbound': {
      const at = clampEventTime(change.at, receivedAt);
      const known = await recordOutboundMessage(change.chatId, at, receivedAt);
      if (!known) {
        await indexChatFromLinq(linq, change.chatId);
        await recordOutboundMessage(change.chatId, at, receivedAt);
      }
      return { status: 'APPLIED', change: `Our message recorded: the chat has an outbound message${known ? '' : READ_FIRST}.`, conversation: change.chatId };
    }
    case 'inbound': {
      const at = clampEventTime(change.at, receivedAt);
      const known = await recordInboundMessage(change.chatId, at);
      if (!known) {
        await indexChatFromLinq(linq, change.chatId);
        await recordInboundMessage(change.chatId, at);
      }
      return { status: 'APPLIED', change: `The customer’s message recorded${known ? '' : READ_FIRST}.`, conversation: change.chatId };
    }
    case 'refresh':
      await indexChatFromLinq(linq, change.chatId);
      return { status: 'APPLIED', change: 'The chat read again from Linq (its people, service and health).' };
    case 'line_status':
      return (await recordLineStatus(change.phoneNumber, change.status, clampEventTime(change.changedAt, receivedAt), change.reputation))
        ? { status: 'APPLIED', change: change.status === 'FLAGGED' ? 'The number is flagged by Linq: shares from it stop.' : 'The number is active again.' }
        : { status: 'IGNORED', note: 'Not one of the account’s numbers as Linq lists them: nothing changed.' };
    case 'record':
      return { status: 'IGNORED', note: change.note };
    case 'ignore':
      return { status: 'IGNORED', note: 'An event the console does not use: nothing changed.' };
  }
}

function failureOf(error: unknown): string {
  if (error instanceof LinqError) return describeLinqError(error.facts()).message;
  return error instanceof Error ? error.message : String(error);
}

/** How applying a delivery went, recorded on its row with the rest of its batch. */
interface Applied {
  delivery: WebhookDelivery;
  status: 'APPLIED' | 'IGNORED' | 'FAILED';
  error: string | null;
  change: string | null;
  appliedAt: Date;
  applyMs: number;
  /** The chat of a message it applied: its automatic share is considered by the caller, a few at a time. */
  conversation: string | null;
}

/** Applies one delivery and says how it went. A 429 from Linq leaves it waiting (ApplyPaused). */
async function applyDelivery(delivery: WebhookDelivery, linq: LinqGateway): Promise<Applied> {
  const startedAt = performance.now();
  try {
    const event = parseEnvelope(delivery.payload);
    if (!event) throw new Error('The delivery is not a Linq event.');
    const outcome = await carryOut(planChange(event), linq, delivery.receivedAt);
    return {
      delivery,
      status: outcome.status,
      error: outcome.note ?? null,
      change: outcome.change ?? null,
      conversation: outcome.conversation ?? null,
      appliedAt: new Date(),
      applyMs: Math.round(performance.now() - startedAt),
    };
  } catch (failure) {
    const until = retryAfter(failure, new Date());
    if (until) throw new ApplyPaused(until);
    return {
      delivery,
      status: 'FAILED',
      error: failureOf(failure),
      change: null,
      conversation: null,
      appliedAt: new Date(),
      applyMs: Math.round(performance.now() - startedAt),
    };
  }
}

/**
 * Marks a batch's applied deliveries in one statement. Cut off before it, they are applied again
 * next time, which changes nothing: every change only moves a fact forward.
 */
async function recordApplied(applied: Applied[]): Promise<void> {
  if (applied.length === 0) return;
  await db.$executeRaw`
    UPDATE "WebhookDelivery" AS d
       SET "status" = a.status::"WebhookDeliveryStatus", "error" = a.error, "change" = a.change,
           "appliedAt" = a.applied_at AT TIME ZONE 'UTC', "applyMs" = a.apply_ms
      FROM unnest(${applied.map((a) => a.delivery.id)}::text[], ${applied.map((a) => a.status)}::text[], ${applied.map((a) => a.error)}::text[],
                  ${applied.map((a) => a.change)}::text[], ${applied.map((a) => a.appliedAt.toISOString())}::timestamptz[],
                  ${applied.map((a) => a.applyMs)}::int[]) AS a(id, status, error, change, applied_at, apply_ms)
     WHERE d."id" = a.id`;
  for (const { delivery, status, error, appliedAt } of applied) {
    metrics().webhookDeliveries.inc({ stage: status.toLowerCase() });
    metrics().webhookApplyLag.observe((appliedAt.getTime() - delivery.receivedAt.getTime()) / 1000);
    if (status === 'FAILED') logger('webhooks').warn({ deliveryId: delivery.id, eventType: delivery.eventType, error }, 'webhook delivery not applied');
  }
}

/**
 * Customers' messages in chats the index has, the most common deliveries, recorded together: two
 * statements for a batch instead of two for each. Their order among a chat's other deliveries does
 * not matter: each only moves the chat's inbound and activity times forward (every writer of those
 * takes the later time), and none touches a rule of eligibility. Returns how each went; the others (a chat new to the index, a payload that does not
 * read, or this statement failing) are applied one by one, which records why.
 */
async function applyKnownInbound(batch: WebhookDelivery[]): Promise<Applied[]> {
  const messages: Array<{ delivery: WebhookDelivery; chatId: string; at: Date }> = [];
  for (const delivery of batch) {
    try {
      const event = parseEnvelope(delivery.payload);
      const change = event && planChange(event);
      if (change?.kind === 'inbound') messages.push({ delivery, chatId: change.chatId, at: clampEventTime(change.at, delivery.receivedAt) });
    } catch {
      // Applied one by one, which records why it does not read.
    }
  }
  if (messages.length === 0) return [];
  const startedAt = performance.now();
  let known: Set<string>;
  try {
    known = await recordInboundMessages(messages);
  } catch (error) {
    logger('webhooks').warn({ err: error }, 'customers’ messages not recorded together: applying them one by one');
    return [];
  }
  const appliedAt = new Date();
  const applyMs = Math.round(performance.now() - startedAt);
  return messages
    .filter((message) => known.has(message.chatId))
    .map(({ delivery, chatId }) => ({
      delivery,
      status: 'APPLIED',
      error: null,
      change: 'The customer’s message recorded.',
      conversation: chatId,
      appliedAt,
      applyMs,
    }));
}

/**
 * Messages' chats are considered for automatic share this many at a time: one query for them all,
 * soon enough that a share's lateness is not the batch's. (Cut off between a delivery and this, the
 * tick finds the conversation within a minute.)
 */
const CONSIDER_EVERY = 20;

/** Whether any delivery is still waiting to be applied. */
export async function hasWaitingDeliveries(): Promise<boolean> {
  return (await db.webhookDelivery.count({ where: { status: 'RECEIVED' }, take: 1 })) > 0;
}

/** What a delivery is about (deliveries about different chats or lines are independent). */
function subjectOf(delivery: WebhookDelivery): string {
  // (Deliveries stored before the subject was recorded are read again.)
  return delivery.subject ?? subjectOfEvent(delivery.payload) ?? `delivery:${delivery.id}`;
}

/** Chats (and lines) whose deliveries are applied at once; each one's own deliveries in order. */
const SUBJECTS_AT_ONCE = 6;

/**
 * Applies every delivery waiting, oldest event first for each chat (and line), several chats at once,
 * until none is left or the time is up. Returns how many were applied. Linq's 429 while a chat is read
 * stops the batch (ApplyPaused) once the chats under way are done.
 */
export async function applyWaitingDeliveries(linq: LinqGateway, budgetMs: number, signal?: AbortSignal): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let applied = 0;
  while (Date.now() < deadline && !signal?.aborted) {
    const batch = await db.webhookDelivery.findMany({
      where: { status: 'RECEIVED' },
      orderBy: [{ eventCreatedAt: { sort: 'asc', nulls: 'last' } }, { receivedAt: 'asc' }],
      take: BATCH_SIZE,
    });
    if (batch.length === 0) break;
    const together = await applyKnownInbound(batch);
    await recordApplied(together);
    applied += together.length;
    for (let start = 0; start < together.length; start += CONSIDER_EVERY) {
      await considerChats([...new Set(together.slice(start, start + CONSIDER_EVERY).flatMap((outcome) => outcome.conversation ?? []))]);
    }
    const appliedTogether = new Set(together.map((outcome) => outcome.delivery.id));
    const bySubject = new Map<string, WebhookDelivery[]>();
    for (const delivery of batch.filter((waiting) => !appliedTogether.has(waiting.id))) {
      const subject = subjectOf(delivery);
      bySubject.set(subject, [...(bySubject.get(subject) ?? []), delivery]);
    }
    const conversations = new Set<string>();
    const done: Applied[] = [];
    const results = await mapWithConcurrency([...bySubject.values()], SUBJECTS_AT_ONCE, async (deliveries) => {
      for (const delivery of deliveries) {
        const outcome = await applyDelivery(delivery, linq);
        done.push(outcome);
        applied += 1;
        if (outcome.conversation) conversations.add(outcome.conversation);
        if (conversations.size >= CONSIDER_EVERY) {
          const due = [...conversations];
          conversations.clear();
          await considerChats(due);
        }
      }
    });
    await recordApplied(done);
    await considerChats([...conversations]);
    const paused = results.find((result) => result.status === 'rejected');
    if (paused?.status === 'rejected') throw paused.reason;
  }
  return applied;
}
