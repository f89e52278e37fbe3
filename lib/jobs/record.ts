import 'server-only';
import os from 'node:os';
import { db } from '@/lib/db';
import { logger } from '@/lib/observability/log';
import { metrics } from '@/lib/observability/metrics';
import type { QueueName } from '@/lib/queue/queues';

const INSTANCE = `${os.hostname()}:${process.pid}`;

export interface RecordOptions {
  /** Short periodic jobs: written only once they have done something (or failed), not on every idle run. */
  quietWhenIdle?: boolean;
  /** What the job works on (a share run, a sync run): Settings names it and links to it. */
  subjectId?: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a job's work and keeps a JobRun of it (what, when, how long, how it ended), which admins see
 * under Settings → Background work. The work returns a one-line summary (undefined: it had nothing
 * to do); an error is recorded and thrown on, so that pg-boss retries the job as its queue says.
 */
export async function recordJobRun(queue: QueueName, jobId: string, work: () => Promise<string | undefined>, options: RecordOptions = {}): Promise<void> {
  const startedAt = new Date();
  const run = options.quietWhenIdle
    ? null
    : await db.jobRun.create({
        data: { queue, jobId, subjectId: options.subjectId, instance: INSTANCE, startedAt, heartbeatAt: startedAt },
        select: { id: true },
      });
  const stopBeating = run ? beat(run.id) : () => undefined;
  const finish = async (data: { status: 'SUCCEEDED' | 'FAILED'; summary?: string; error?: string }) => {
    const finishedAt = new Date();
    const ended = { ...data, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() };
    observe(queue, jobId, options, ended);
    if (run) await db.jobRun.update({ where: { id: run.id }, data: ended });
    else if (data.status === 'FAILED' || data.summary)
      await db.jobRun.create({ data: { queue, jobId, subjectId: options.subjectId, instance: INSTANCE, startedAt, ...ended } });
  };
  try {
    await finish({ status: 'SUCCEEDED', summary: await work() });
  } catch (error) {
    await finish({ status: 'FAILED', error: message(error) }).catch(() => undefined);
    throw error;
  } finally {
    // (A beat that lands after the finish changes nothing: it only touches a running row.)
    stopBeating();
  }
}

/** One log line per job that did something or failed (idle periodic runs at debug level), and its duration. */
function observe(
  queue: QueueName,
  jobId: string,
  options: RecordOptions,
  ended: { status: 'SUCCEEDED' | 'FAILED'; summary?: string; error?: string; durationMs: number },
) {
  metrics().jobDuration.observe({ queue, status: ended.status }, ended.durationMs / 1000);
  const line = {
    queue,
    jobId,
    ...(options.subjectId && { subjectId: options.subjectId }),
    status: ended.status,
    ms: ended.durationMs,
    summary: ended.summary,
    error: ended.error,
  };
  if (ended.status === 'FAILED') log.error(line, 'job failed');
  else if (ended.summary || !options.quietWhenIdle) log.info(line, 'job');
  else log.debug(line, 'job');
}

const log = logger('jobs');

/** How often a running job says it is alive, and how long a silence means its console stopped. */
const HEARTBEAT_MS = 15_000;
const LAPSED_AFTER_MS = 4 * HEARTBEAT_MS;

function beat(jobRunId: string): () => void {
  const timer = setInterval(() => {
    db.jobRun.updateMany({ where: { id: jobRunId, status: 'RUNNING' }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Job runs whose console was killed mid-job stay "running" for nobody: once their heartbeat has
 * lapsed they are recorded as interrupted, ended at their last heartbeat (pg-boss retries the job itself).
 */
export async function markInterruptedJobRuns(now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "JobRun"
       SET "status" = 'INTERRUPTED', "finishedAt" = COALESCE("heartbeatAt", "startedAt"),
           "durationMs" = (EXTRACT(EPOCH FROM (COALESCE("heartbeatAt", "startedAt") - "startedAt")) * 1000)::int,
           "error" = 'The console running it stopped before it ended; the job was taken up again.'
     WHERE "status" = 'RUNNING' AND COALESCE("heartbeatAt", "startedAt") < ${new Date(now.getTime() - LAPSED_AFTER_MS)}::timestamp`;
}

/** Job runs are kept two weeks (Settings → Background work). */
export async function pruneJobRuns(now: Date): Promise<number> {
  const pruned = await db.jobRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - 14 * 86_400_000) } } });
  return pruned.count;
}
