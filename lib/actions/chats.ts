'use server';

import { failed, type ActionResult } from '@/lib/actions/result';
import { authorize } from '@/lib/auth/guards';
import { requestSync } from '@/lib/chats/sync/request';

export type SyncActionResult = ActionResult<{ started: boolean; runId: string }>;

/** "Sync now": starts a full sync of the chat index, or reports the one already running. */
export async function requestSyncAction(): Promise<SyncActionResult> {
  const access = await authorize('syncChats');
  if (!access.ok) return failed(access.error);
  const { started, run } = await requestSync('MANUAL', access.user.id);
  return {
    ok: true,
    started,
    runId: run.id,
    message: started
      ? 'Sync started: every chat is read from Linq again, in the background.'
      : 'A sync is already running; its progress shows above the table.',
  };
}
