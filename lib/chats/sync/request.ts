import 'server-only';
import type { ChatSyncRun, SyncTrigger } from '@/generated/prisma/client';
import { beginSyncRun } from '@/lib/chats/sync/runs';
import { queueSyncSlice } from '@/lib/queue/send';

/**
 * Starts a full sync of the chat index in the background, or returns the one already running
 * (whoever asked for it): there is never more than one.
 */
export async function requestSync(trigger: SyncTrigger, requestedById?: string): Promise<{ run: ChatSyncRun; started: boolean }> {
  const begun = await beginSyncRun(trigger, requestedById);
  if (begun.started) await queueSyncSlice(begun.run.id);
  return begun;
}
