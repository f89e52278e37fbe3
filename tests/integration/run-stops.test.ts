import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// Stopping work on PostgreSQL: a run whose owner is disabled mid-run, and a console that receives
// SIGTERM mid-run (a rolling deploy). Neither may share anything more than what was already in flight.

const postgresAdminUrl = inject('postgresAdminUrl');
const LINE = '+14155550100';

describe.runIf(postgresAdminUrl)('runs that must stop', () => {
  const h = startTestConsole({ postgresAdminUrl, backgroundJobs: true, sandbox: { chatCount: 0 } });
  let worker: ChildProcess | undefined;
  afterAll(() => void worker?.kill('SIGKILL'));

  const sharesOf = (chatId: string) => h.sandbox.store.state.shares.filter((share) => share.chat_id === chatId).length;
  const sharePosts = (chats: string[]) => h.requests('/share_contact_card', 'POST').filter((r) => chats.some((chatId) => r.path.includes(chatId)));

  async function eligibleChats(count: number): Promise<string[]> {
    const { upsertChats } = await import('@/lib/chats/index-store');
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const chat = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: LINE, to: [`+1646${String(Math.random()).slice(2, 9)}`], outbound: 1 });
      await upsertChats([await h.linq.getChat(chat.id)], new Date());
      ids.push(chat.id);
    }
    return ids;
  }

  const staff = (role: 'ADMIN' | 'OPERATOR', name: string) =>
    h.db.user.create({ data: { email: `${name.split(' ')[0]!.toLowerCase()}-${Date.now()}@example.com`, name, role, passwordHash: 'x' } });

  beforeAll(async () => {
    // Every share takes Linq a while, so that some are in flight whenever something stops.
    await h.control('POST', '/__sandbox/faults', { rules: [{ method: 'POST', path: '/share_contact_card$', delayMs: 300 }] });
  });

  it(
    'pauses a disabled operator’s run at its next claim, and shares nothing more in their name until an admin takes it over',
    { timeout: 120_000 },
    async () => {
      const [casey, admin] = [await staff('OPERATOR', 'Casey Colleague'), await staff('ADMIN', 'Ada Admin')];
      const chats = await eligibleChats(30);
      const { createRun, resumeRun, takeOverRun, RunStateError } = await import('@/lib/runs/runs');
      const { runSlice } = await import('@/lib/runs/process');
      const { setDisabled } = await import('@/lib/staff/manage');
      // Made directly and worked here (its queued job is left to the queue, which is not started).
      const run = (await createRun({ createdById: casey.id, numbers: null, source: 'BULK', scope: { kind: 'chats', chatIds: chats } }))!;
      const working = runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 60_000, concurrency: 2 });
      await expect.poll(() => sharePosts(chats).length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(4);

      const disabledAt = Date.now();
      await setDisabled({ id: admin.id, email: admin.email, name: admin.name, role: 'ADMIN', numbers: null }, casey.id, true);
      expect((await working).kind).toBe('stopped');
      expect(await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'PAUSED', pausedReason: 'owner' });
      // Only the shares already started reached Linq after the disabling: four workers at concurrency 2.
      expect(sharePosts(chats).filter((r) => Date.parse(r.receivedAt) >= disabledAt).length).toBeLessThanOrEqual(4);
      const sharedBefore = sharePosts(chats).length;
      expect(sharedBefore).toBeLessThan(30);
      // A slice started now (a retry, the tick) shares nothing; nobody can resume it as it is.
      expect((await runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 5_000, concurrency: 2 })).kind).toBe('stopped');
      await expect(resumeRun(run.id)).rejects.toBeInstanceOf(RunStateError);
      expect(sharePosts(chats).length).toBe(sharedBefore);

      // An admin takes it over (recorded), resumes it, and it ends in their name.
      const takenOverAt = new Date();
      await takeOverRun(run.id, admin.id);
      expect(await h.db.settingsChange.findFirst({ where: { kind: 'RUN_TAKEN_OVER', subject: run.id } })).toMatchObject({
        actorId: admin.id,
        before: { ownerId: casey.id, owner: 'Casey Colleague' },
      });
      await resumeRun(run.id);
      for (let i = 0; i < 20 && (await runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 60_000, concurrency: 4 })).kind !== 'stopped'; i++);
      expect(await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'COMPLETED', shared: 30 });
      const events = await h.db.shareEvent.findMany({ where: { runId: run.id, outcome: 'SUCCEEDED' }, orderBy: { createdAt: 'asc' } });
      expect(events.filter((event) => event.actorId === casey.id)).toHaveLength(sharedBefore);
      expect(events.filter((event) => event.createdAt >= takenOverAt).every((event) => event.actorId === admin.id)).toBe(true);
      for (const chatId of chats) expect(sharesOf(chatId), chatId).toBe(1);
    },
  );

  it(
    'on SIGTERM claims nothing more, lets the shares in flight finish and records them, hands the rest back, and exits soon after',
    { timeout: 180_000 },
    async () => {
      const operator = await staff('OPERATOR', 'Olive Operator');
      const chats = await eligibleChats(40);
      // Linq answers each share in 1.5 s.
      await h.control('DELETE', '/__sandbox/faults');
      await h.control('POST', '/__sandbox/faults', { rules: [{ method: 'POST', path: '/share_contact_card$', delayMs: 1_500 }] });
      let output = '';
      worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/support/worker-process.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: h.databaseUrl,
          LINQ_API_BASE_URL: h.sandbox.baseUrl,
          BACKGROUND_JOBS: 'on',
          SHARE_RUN_CONCURRENCY: '4',
          NEXT_MANUAL_SIG_HANDLE: 'true',
        },
        stdio: 'pipe',
      });
      worker.stdout!.on('data', (chunk) => (output += chunk));
      worker.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise<{ code: number | null; at: number }>((resolve) => worker!.once('exit', (code) => resolve({ code, at: Date.now() })));
      await expect.poll(() => output, { timeout: 60_000 }).toContain('workers started');

      const { createRun } = await import('@/lib/runs/runs');
      const run = (await createRun({ createdById: operator.id, numbers: null, source: 'BULK', scope: { kind: 'chats', chatIds: chats } }))!;
      await expect
        .poll(() => h.sandbox.store.state.shares.filter((share) => chats.includes(share.chat_id)).length, { timeout: 60_000, interval: 50 })
        .toBeGreaterThanOrEqual(4);

      const signalledAt = Date.now();
      worker.kill('SIGTERM');
      const { code, at: exitedAt } = await exited;
      expect(code, output).toBe(0);

      // Nothing claimed after the signal: only the shares already started (eight workers at concurrency 4,
      // four of them with Linq) reached Linq after it…
      const posts = sharePosts(chats);
      expect(posts.filter((r) => Date.parse(r.receivedAt) >= signalledAt).length).toBeLessThanOrEqual(8);
      // …and the console exited within 5 s of the last one's answer, with every one of them recorded.
      const lastAnswer = Math.max(...posts.map((r) => Date.parse(r.at)));
      expect(exitedAt - lastAnswer).toBeLessThan(5_000);
      const items = await h.db.shareRunItem.findMany({ where: { runId: run.id } });
      expect(items.filter((item) => item.state === 'SENDING' || item.state === 'UNKNOWN')).toEqual([]);
      expect(items.filter((item) => item.state === 'SHARED').length).toBe(posts.length);
      const atStop = await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(atStop).toMatchObject({ status: 'RUNNING', shared: posts.length });

      // The rest was handed back at once: another instance (this one) picks it up and finishes it.
      await h.control('DELETE', '/__sandbox/faults');
      const { startBackgroundJobs } = await import('@/lib/jobs/workers');
      await startBackgroundJobs();
      await expect
        .poll(async () => (await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).status, { timeout: 120_000, interval: 500 })
        .toBe('COMPLETED');
      expect(await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ shared: 40, unknown: 0, failed: 0 });
      for (const chatId of chats) expect(sharesOf(chatId), chatId).toBe(1);
    },
  );
});
