import 'server-only';
import type { ChatSyncRun, SyncTrigger } from '@/generated/prisma/client';
import { db } from '@/lib/db';

/** The sync running now, if any. */
export function runningSync(): Promise<ChatSyncRun | null> {
  return db.chatSyncRun.findFirst({ where: { status: 'RUNNING' } });
}

/**
 * Starts a sync run unless one is running: a unique index lets only one RUNNING row exist, so two
 * instances (or two clicks) asking at once get the same run.
 */
export async function beginSyncRun(trigger: SyncTrigger, requestedById?: string): Promise<{ run: ChatSyncRun; started: boolean }> {
  const inserted = await db.$queryRaw<ChatSyncRun[]>`
    INSERT INTO "ChatSyncRun" ("id", "trigger", "requestedById")
    VALUES (${`sync_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`}, ${trigger}::"SyncTrigger", ${requestedById ?? null})
    ON CONFLICT DO NOTHING
    RETURNING *`;
  if (inserted[0]) return { run: inserted[0], started: true };
  const running = await runningSync();
  if (running) return { run: running, started: false };
  // The running one finished between the two statements: try once more.
  return beginSyncRun(trigger, requestedById);
}

/** The sync running now and the last one that ended. */
export async function syncHistory(): Promise<{ running: ChatSyncRun | null; lastFinished: ChatSyncRun | null }> {
  const [running, lastFinished] = await Promise.all([
    runningSync(),
    db.chatSyncRun.findFirst({ where: { status: { not: 'RUNNING' } }, orderBy: { finishedAt: 'desc' } }),
  ]);
  return { running, lastFinished };
}
