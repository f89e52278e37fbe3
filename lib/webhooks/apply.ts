import 'server-only';
import type { WebhookDelivery } from '@/generated/prisma/client';
import { recordInboundMessage, recordOutboundMessage, upsertChats } from '@/lib/chats/index-store';
import { recordLineStatus } from '@/lib/chats/lines';
import { db } from '@/lib/db';
import { chatFromWebhook, describeLinqError, LinqError, type LinqGateway } from '@/lib/linq';
import { parseEnvelope, planChange, type IndexChange } from '@/lib/webhooks/events';

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
  await upsertChats([await linq.getChat(chatId)], null);
}

async function carryOut(change: IndexChange, linq: LinqGateway, receivedAt: Date): Promise<'APPLIED' | 'IGNORED'> {
  switch (change.kind) {
    case 'outbound':
      if (!(await recordOutboundMessage(change.chatId, change.at, receivedAt))) {
        await indexChatFromLinq(linq, change.chatId);
        await recordOutboundMessage(change.chatId, change.at, receivedAt);
      }
      return 'APPLIED';
    case 'inbound':
      if (!(await recordInboundMessage(change.chatId, change.at))) {
        await indexChatFromLinq(linq, change.chatId);
        await recordInboundMessage(change.chatId, change.at);
      }
      return 'APPLIED';
    case 'chat': {
      const chat = chatFromWebhook(change.chat);
      if (!chat) throw new Error('A chat.created event without the chat.');
      await upsertChats([chat], null);
      return 'APPLIED';
    }
    case 'refresh':
      await indexChatFromLinq(linq, change.chatId);
      return 'APPLIED';
    case 'line_status':
      await recordLineStatus(change.phoneNumber, change.status, change.changedAt, change.reputation);
      return 'APPLIED';
    case 'record':
    case 'ignore':
      return 'IGNORED';
  }
}

function failureOf(error: unknown): string {
  if (error instanceof LinqError) return describeLinqError(error.facts()).message;
  return error instanceof Error ? error.message : String(error);
}

/** Applies one delivery and records how it went. A 429 from Linq leaves it waiting. */
export async function applyDelivery(delivery: WebhookDelivery, linq: LinqGateway): Promise<void> {
  let status: 'APPLIED' | 'IGNORED' | 'FAILED';
  let error: string | null = null;
  try {
    const event = parseEnvelope(delivery.payload);
    if (!event) throw new Error('The delivery is not a Linq event.');
    const change = planChange(event);
    status = await carryOut(change, linq, delivery.receivedAt);
    if (change.kind === 'record') error = change.note;
  } catch (failure) {
    if (failure instanceof LinqError && failure.status === 429) {
      throw new ApplyPaused(new Date(Date.now() + (failure.retryAfterSeconds ?? 30) * 1000));
    }
    status = 'FAILED';
    error = failureOf(failure);
  }
  await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status, error, appliedAt: new Date() } });
}

/**
 * Applies every delivery waiting, oldest event first, until none is left or the time is up.
 * Returns how many were applied.
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
    for (const delivery of batch) {
      await applyDelivery(delivery, linq);
      applied += 1;
    }
  }
  return applied;
}
