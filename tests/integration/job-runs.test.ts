import { describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// Background work as admins see it: a job whose console was killed mid-job must not read
// "Running" for two weeks; once its heartbeat has lapsed, the tick records it as interrupted.

const h = startTestConsole();

describe('job runs of a console that was killed', () => {
  it('are recorded as interrupted once their heartbeat has lapsed, and only those', async () => {
    const { recordJobRun, markInterruptedJobRuns } = await import('@/lib/jobs/record');
    const now = new Date();
    const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const killed = await h.db.jobRun.create({
      data: { queue: 'runs.share', jobId: 'killed', instance: 'gone:1', startedAt: minutesAgo(10), heartbeatAt: minutesAgo(5) },
    });
    const alive = await h.db.jobRun.create({
      data: { queue: 'chats.sync', jobId: 'alive', instance: 'here:1', startedAt: minutesAgo(10), heartbeatAt: minutesAgo(0.2) },
    });
    const finished = await h.db.jobRun.create({
      data: {
        queue: 'chats.sync',
        jobId: 'done',
        instance: 'here:1',
        startedAt: minutesAgo(10),
        heartbeatAt: minutesAgo(9),
        status: 'SUCCEEDED',
        finishedAt: minutesAgo(9),
      },
    });

    expect(await markInterruptedJobRuns(now)).toBe(1);
    expect(await h.db.jobRun.findUniqueOrThrow({ where: { id: killed.id } })).toMatchObject({
      status: 'INTERRUPTED',
      finishedAt: minutesAgo(5),
      durationMs: 5 * 60_000,
      error: expect.stringMatching(/stopped before it ended/),
    });
    expect((await h.db.jobRun.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe('RUNNING');
    expect((await h.db.jobRun.findUniqueOrThrow({ where: { id: finished.id } })).status).toBe('SUCCEEDED');

    // A job the console runs now says it is alive from its start.
    await recordJobRun('runs.share', 'fresh', async () => {
      const running = await h.db.jobRun.findFirstOrThrow({ where: { jobId: 'fresh' } });
      expect(running).toMatchObject({ status: 'RUNNING', heartbeatAt: running.startedAt });
      return 'done';
    });
    expect((await h.db.jobRun.findFirstOrThrow({ where: { jobId: 'fresh' } })).status).toBe('SUCCEEDED');
  });
});
