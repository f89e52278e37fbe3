import 'server-only';
import { closeEmbeddedPglite } from '@/lib/database/embedded';
import { getSettings } from '@/lib/env';
import { handleAlertSendJob } from '@/lib/jobs/handlers/alerts';
import { handleAutoShareJob } from '@/lib/jobs/handlers/auto';
import { handleRunJob } from '@/lib/jobs/handlers/runs';
import { handleSyncJob } from '@/lib/jobs/handlers/sync';
import { runTick } from '@/lib/jobs/handlers/tick';
import { handleApplyJob } from '@/lib/jobs/handlers/webhooks';
import { recordJobRun } from '@/lib/jobs/record';
import { SHARE_TIMEOUT_MS } from '@/lib/linq/limits';
import { stopLiveHub } from '@/lib/live/hub';
import { logger } from '@/lib/observability/log';
import { getBoss, stopBoss } from '@/lib/queue/boss';
import { queueTick } from '@/lib/queue/send';
import { beginStopping } from '@/lib/queue/stopping';
import { workQueue, workQueueEach } from '@/lib/queue/work';

const log = logger('console');

const globalForWorkers = globalThis as unknown as { workersStarted?: boolean; workersReady?: boolean };

/** Whether this instance's job runner runs: started (its workers take jobs), off by setting, or not yet. */
export function jobRunnerState(): 'started' | 'off' | 'starting' {
  if (!getSettings().backgroundJobs) return 'off';
  return globalForWorkers.workersReady ? 'started' : 'starting';
}

/**
 * Starts this instance's workers (unless BACKGROUND_JOBS=off), the every-minute tick, and a first
 * tick now, which starts the first sync when the index is empty. Stops cleanly on SIGTERM/SIGINT:
 * at once, workers take no new job and running ones stop claiming new work (stopping.ts); what is
 * in flight finishes and is recorded (a share waits for Linq at most SHARE_TIMEOUT_MS), the rest
 * is handed back to the queue for another instance, and the process exits.
 */
export async function startBackgroundJobs(): Promise<void> {
  if (!getSettings().backgroundJobs || globalForWorkers.workersStarted) return;
  globalForWorkers.workersStarted = true;
  const boss = await getBoss();

  await workQueue('chats.sync', { pollingIntervalSeconds: 2 }, (job) =>
    recordJobRun('chats.sync', job.id, () => handleSyncJob(job), { subjectId: job.data.runId }),
  );
  await workQueue('webhooks.apply', { pollingIntervalSeconds: 1 }, (job) =>
    recordJobRun('webhooks.apply', job.id, () => handleApplyJob(job), { quietWhenIdle: true }),
  );
  // Two runs side by side per instance; each run's own slices never overlap (the queue's policy).
  await workQueue('runs.share', { pollingIntervalSeconds: 1, localConcurrency: 2 }, (job) =>
    recordJobRun('runs.share', job.id, () => handleRunJob(job), { subjectId: job.data.runId }),
  );
  // Each due automatic share is a job of its own: two workers each take up to 6 due at once, and
  // fetch again at once while there are more (a burst of new conversations).
  await workQueueEach('auto.share', { pollingIntervalSeconds: 0.5, localConcurrency: 2, batchSize: 6 }, (job) =>
    recordJobRun('auto.share', job.id, () => handleAutoShareJob(job), { quietWhenIdle: true, subjectId: job.data.chatId }),
  );
  await workQueue('alerts.send', { pollingIntervalSeconds: 2 }, (job) =>
    recordJobRun('alerts.send', job.id, () => handleAlertSendJob(), { quietWhenIdle: true }),
  );
  await workQueue('console.tick', { pollingIntervalSeconds: 5 }, (job) => recordJobRun('console.tick', job.id, () => runTick(), { quietWhenIdle: true }));
  await boss.schedule('console.tick', '* * * * *', null, { tz: 'UTC' });
  await queueTick();
  globalForWorkers.workersReady = true;

  process.once('SIGTERM', () => void shutDown('SIGTERM'));
  process.once('SIGINT', () => void shutDown('SIGINT'));
}

/** Long enough for a share in flight to get Linq's answer (or give up on it) and be recorded. */
const STOP_GRACE_MS = SHARE_TIMEOUT_MS + 10_000;

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  log.info({ signal }, 'stopping: readiness off, background jobs handing back');
  beginStopping();
  try {
    await stopBoss(STOP_GRACE_MS);
  } catch (error) {
    log.error({ err: error }, 'stopping background jobs');
  }
  // With NEXT_MANUAL_SIG_HANDLE (npm start), Next leaves the exit to the console, after the jobs.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    await stopLiveHub().catch(() => undefined);
    await closeEmbeddedPglite().catch(() => undefined);
    process.exit(0);
  }
}
