import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// A console killed in the middle of a full sync (kill -9: no shutdown of any kind) and another one
// taking over: pg-boss notices the job's heartbeat stopped and retries it, and the sync resumes
// from its checkpoint instead of starting over. Every chat ends up indexed once.

const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('a sync interrupted by a crash', () => {
  const h = startTestConsole({ postgresAdminUrl, backgroundJobs: true, sandbox: { chatCount: 1_000, seed: 3, behaviour: { latencyMs: 40 } } });
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill('SIGKILL'));

  it('resumes from its checkpoint on another instance', { timeout: 180_000 }, async () => {
    // Node itself (not npx or tsx's wrapper), so that the kill reaches the process doing the work.
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/support/worker-process.ts'], {
      env: { ...process.env, DATABASE_URL: h.databaseUrl, LINQ_API_BASE_URL: h.sandbox.baseUrl, BACKGROUND_JOBS: 'on' },
      stdio: 'pipe',
    });
    // The first instance finds the index empty and starts the sync; it dies three pages in.
    await expect.poll(async () => (await h.db.chatSyncRun.findFirst())?.pages ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const atCrash = await h.db.chatSyncRun.findFirstOrThrow();
    expect(atCrash.status).toBe('RUNNING');
    const requestsBefore = h.sandbox.store.requestLog.length;

    // A second instance takes over.
    const { startBackgroundJobs } = await import('@/lib/jobs/workers');
    await startBackgroundJobs();
    await expect
      .poll(async () => (await h.db.chatSyncRun.findUniqueOrThrow({ where: { id: atCrash.id } })).status, { timeout: 120_000, interval: 500 })
      .toBe('COMPLETED');

    const lists = h.sandbox.store.requestLog.slice(requestsBefore).filter((r) => r.path === '/v3/chats');
    // The crawl went on from the saved cursor (at most the page in hand when it died is read again).
    expect(lists[0]!.query.cursor).toBe(atCrash.cursor);
    expect(lists.every((r) => r.query.cursor !== undefined)).toBe(true);
    const run = await h.db.chatSyncRun.findUniqueOrThrow({ where: { id: atCrash.id } });
    expect(run.resumes).toBeGreaterThanOrEqual(1);
    expect(await h.db.chat.count()).toBe(1_000);
    expect(await h.db.chat.count({ where: { outbound: 'UNKNOWN' } })).toBe(0);
    expect(await h.db.chatSyncRun.count()).toBe(1);
  });
});
