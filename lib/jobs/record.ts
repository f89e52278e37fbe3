import 'server-only';
import os from 'node:os';
import { db } from '@/lib/db';
import type { QueueName } from '@/lib/jobs/queues';

const INSTANCE = `${os.hostname()}:${process.pid}`;

export interface RecordOptions {
  /** Short periodic jobs: written only once they have done something (or failed), not on every idle run. */
  quietWhenIdle?: boolean;
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
  const run = options.quietWhenIdle ? null : await db.jobRun.create({ data: { queue, jobId, instance: INSTANCE, startedAt }, select: { id: true } });
  const finish = async (data: { status: 'SUCCEEDED' | 'FAILED'; summary?: string; error?: string }) => {
    const finishedAt = new Date();
    const ended = { ...data, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() };
    if (run) await db.jobRun.update({ where: { id: run.id }, data: ended });
    else if (data.status === 'FAILED' || data.summary) await db.jobRun.create({ data: { queue, jobId, instance: INSTANCE, startedAt, ...ended } });
  };
  try {
    await finish({ status: 'SUCCEEDED', summary: await work() });
  } catch (error) {
    await finish({ status: 'FAILED', error: message(error) }).catch(() => undefined);
    throw error;
  }
}
