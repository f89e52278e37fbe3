import 'server-only';
import { syncHistory } from '@/lib/chats/sync/runs';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';

/** What the line above the chats table says: the index's size, its last sync, and the webhooks. */
export interface IndexStatus {
  indexed: number;
  /** Chats whose messages have not been read yet (shown "Checking…"). */
  unknownOutbound: number;
  lastSyncEndedAt: string | null;
  lastSyncFailed: boolean;
  running: { id: string; phase: string; chatsSeen: number; messagesRead: number; pausedUntil: string | null } | null;
  webhooks: { connected: boolean; lastDeliveryAt: string | null };
}

export async function readIndexStatus(): Promise<IndexStatus> {
  const [indexed, unknownOutbound, { running, lastFinished }, subscriptions, lastDelivery] = await Promise.all([
    db.chat.count({ where: { goneAt: null } }),
    db.chat.count({ where: { goneAt: null, outbound: 'UNKNOWN' } }),
    syncHistory(),
    db.webhookSubscription.count(),
    db.webhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
  ]);
  return {
    indexed,
    unknownOutbound,
    lastSyncEndedAt: lastFinished?.finishedAt?.toISOString() ?? null,
    lastSyncFailed: lastFinished?.status === 'FAILED',
    running: running && {
      id: running.id,
      phase: running.phase,
      chatsSeen: running.chatsSeen,
      messagesRead: running.messagesRead,
      pausedUntil: running.pausedUntil?.toISOString() ?? null,
    },
    webhooks: { connected: subscriptions > 0 || Boolean(getSettings().linqWebhookSecret), lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null },
  };
}
