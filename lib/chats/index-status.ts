import 'server-only';
import { countIndexedChats } from '@/lib/chats/count-cells';
import { syncHistory } from '@/lib/chats/sync/runs';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import type { NumberScope } from '@/lib/number-scope';

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

// Every open Chats page asks for this every few seconds; the counts and the latest sync and delivery
// are worth sharing between those requests for a moment.
const FRESH_FOR_MS = 3_000;
const globalForStatus = globalThis as unknown as { indexStatus?: { value: Promise<IndexStatus>; until: number } };

/** The status, its counts of the scope's chats (a person limited to some numbers counts theirs, uncached). */
export async function readIndexStatus(scope: NumberScope): Promise<IndexStatus> {
  if (scope !== null) {
    const [status, counts] = await Promise.all([readAccountStatus(), countIndexedChats(scope)]);
    return { ...status, ...counts };
  }
  return readAccountStatus();
}

function readAccountStatus(): Promise<IndexStatus> {
  const cached = globalForStatus.indexStatus;
  if (cached && cached.until > Date.now()) return cached.value;
  const value = loadIndexStatus();
  globalForStatus.indexStatus = { value, until: Date.now() + FRESH_FOR_MS };
  value.catch(() => (globalForStatus.indexStatus = undefined));
  return value;
}

/** Whether Linq's webhooks reach the console (a subscription made here, or a secret from the environment). */
export async function webhooksConnected(): Promise<boolean> {
  return Boolean(getSettings().linqWebhookSecret) || (await db.webhookSubscription.count()) > 0;
}

async function loadIndexStatus(): Promise<IndexStatus> {
  const [{ indexed, unknownOutbound }, { running, lastFinished }, connected, lastDelivery] = await Promise.all([
    countIndexedChats(null),
    syncHistory(),
    webhooksConnected(),
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
    webhooks: { connected, lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null },
  };
}
