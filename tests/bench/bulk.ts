// Bulk share at speed: 1 000 eligible sandbox chats, 50 ms added to every Linq request, shared by a
// run through the real job runner (pg-boss on PostgreSQL). Wall time against the bound set by the
// concurrency (chats × Linq calls per share × 50 ms ÷ concurrency), duplicates and forgotten chats
// counted in the sandbox's own record; then the same with a burst of 429s (Retry-After 2 s).
import { SANDBOX_API_KEY } from '@/lib/env';
import { startSandbox, type RunningSandbox } from '@/lib/sandbox/server';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';
import { machine, writeResults } from './setup';

const CHATS = 1_000;
const LATENCY_MS = 50;
const LINE = '+14155550100';

interface Scenario {
  label: string;
  seconds: number;
  bound: number;
  waitedSeconds: number;
  shared: number;
  duplicates: number;
  forgotten: number;
  requests: number;
}

async function addChats(sandbox: RunningSandbox): Promise<void> {
  for (let i = 0; i < CHATS; i++) {
    const response = await fetch(`${sandbox.origin}/__sandbox/chats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: LINE, to: [`+1646${String(i).padStart(7, '0')}`], outbound: 1 }),
    });
    if (!response.ok) throw new Error(`sandbox: ${response.status} ${await response.text()}`);
  }
}

export async function runBulkBench(): Promise<string> {
  const sandbox = await startSandbox({ apiKey: SANDBOX_API_KEY, chatCount: 0, requestLogSize: 100_000 });
  const databaseUrl = await createThrowawayDatabase('console_bench_bulk');
  try {
    migrateDeploy(databaseUrl);
    Object.assign(process.env, { DATABASE_URL: databaseUrl, LINQ_API_BASE_URL: sandbox.baseUrl, BACKGROUND_JOBS: 'on' });
    const { db, disconnectDb } = await import('@/lib/db');
    const { getSettings } = await import('@/lib/env');
    const { getBackgroundLinq } = await import('@/lib/linq');
    const { beginSyncRun } = await import('@/lib/chats/sync/runs');
    const { runSyncSlice } = await import('@/lib/chats/sync/slice');
    const { createRun } = await import('@/lib/runs/runs');
    const { CALLS_PER_SHARE } = await import('@/lib/runs/estimate');
    const { startBackgroundJobs } = await import('@/lib/jobs/workers');
    const { stopBoss } = await import('@/lib/queue/boss');

    // The index, filled by a full sync before Linq is slowed down.
    await addChats(sandbox);
    const { run: sync } = await beginSyncRun('MANUAL');
    while ((await runSyncSlice(sync.id, { linq: getBackgroundLinq(), budgetMs: 60_000, readConcurrency: 8 })).kind !== 'finished');
    const user = await db.user.create({ data: { email: 'bench@bench.test', name: 'Bench', role: 'OPERATOR', passwordHash: 'x' } });
    sandbox.behaviour.latencyMs = LATENCY_MS;
    await startBackgroundJobs();
    const concurrency = getSettings().shareRunConcurrency;
    const bound = (CHATS * CALLS_PER_SHARE * LATENCY_MS) / concurrency / 1000;

    async function scenario(label: string, faults: Array<Record<string, unknown>>): Promise<Scenario> {
      // Every chat eligible again: no share recorded, here or in the sandbox.
      await db.chatShareState.deleteMany();
      sandbox.store.state.shares = [];
      sandbox.faults.clear();
      sandbox.faults.add(faults);
      const requestsBefore = sandbox.store.requestLog.length;
      const started = performance.now();
      const run = await createRun({
        createdById: user.id,
        numbers: null,
        source: 'BULK',
        scope: { kind: 'chats', chatIds: (await db.chat.findMany({ select: { id: true } })).map((c) => c.id) },
      });
      if (!run) throw new Error('no run');
      const pauses = new Set<number>();
      for (;;) {
        const now = await db.shareRun.findUniqueOrThrow({ where: { id: run.id } });
        if (now.pausedUntil) pauses.add(now.pausedUntil.getTime());
        if (now.status !== 'RUNNING') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      const done = await db.shareRun.findUniqueOrThrow({ where: { id: run.id } });
      const perChat = new Map<string, number>();
      for (const share of sandbox.store.state.shares) perChat.set(share.chat_id, (perChat.get(share.chat_id) ?? 0) + 1);
      const retryAfter = faults.find((f) => f.status === 429)?.retryAfterSeconds as number | undefined;
      return {
        label,
        seconds,
        bound,
        waitedSeconds: pauses.size * (retryAfter ?? 0),
        shared: done.shared,
        duplicates: [...perChat.values()].filter((n) => n > 1).length,
        forgotten: CHATS - perChat.size,
        requests: sandbox.store.requestLog.length - requestsBefore,
      };
    }

    // The console's own work per share (database writes, the SDK), measured with Linq answering at once.
    sandbox.behaviour.latencyMs = 0;
    const ownWork = await scenario('1 000 chats, Linq answering at once (the console’s own work)', []);
    sandbox.behaviour.latencyMs = LATENCY_MS;
    const results = [
      await scenario('1 000 chats, no faults', []),
      await scenario('1 000 chats, a burst of twelve 429s (Retry-After 2 s)', [
        { method: 'POST', path: '/share_contact_card$', status: 429, retryAfterSeconds: 2, times: 12 },
      ]),
    ];
    await stopBoss(5_000);
    await disconnectDb();

    const ownMsPerShare = (ownWork.seconds * 1000 * concurrency) / CHATS;
    const ownSeconds = (CHATS * ownMsPerShare) / concurrency / 1000;
    const row = (r: Scenario, expected: string) =>
      `| ${r.label} | ${r.seconds.toFixed(1)} s | ${expected} | ${r.shared} | ${r.duplicates} | ${r.forgotten} | ${r.requests} |`;
    const table = [
      row(ownWork, '–'),
      ...results.map((r) =>
        row(
          r,
          `${r.bound.toFixed(1)} s${r.waitedSeconds ? ` + ${r.waitedSeconds} s waited` : ''} + ${ownSeconds.toFixed(1)} s = ${(r.bound + r.waitedSeconds + ownSeconds).toFixed(1)} s`,
        ),
      ),
    ].join('\n');
    const markdown = `# Bulk share benchmark

\`npm run bench -- bulk\` · ${machine()} · PostgreSQL on 127.0.0.1 · concurrency ${concurrency} (SHARE_RUN_CONCURRENCY)

${CHATS.toLocaleString('en-US')} eligible chats on one sending number of the sandbox, ${LATENCY_MS} ms added to every Linq request.
A bulk run of all of them through the console's job runner (pg-boss), timed from the run's creation
to its end. Each share makes ${CALLS_PER_SHARE} Linq calls (the chat, then the share; the card is read
once per number and minute), so the bound is ${CHATS} × ${CALLS_PER_SHARE} × ${LATENCY_MS} ms ÷ ${concurrency}.
The 429 scenario adds the pauses Linq asked for (each distinct pause, Retry-After 2 s) to the bound.
Duplicates (a chat shared twice) and forgotten chats (never shared) are counted in the sandbox's
own record of shares.

The bound counts Linq's time only. Each share also does the console's own work between its two Linq
calls (about a dozen short database statements: the index, the share event, the reservation, the run's
item), measured in the first row with Linq answering at once: ${ownMsPerShare.toFixed(0)} ms per share
and worker, so a run takes about the bound plus ${CHATS} × ${ownMsPerShare.toFixed(0)} ms ÷ ${concurrency} =
${ownSeconds.toFixed(1)} s. The time scales with the concurrency (\`SHARE_RUN_CONCURRENCY\`, up to 16):
Linq's own limits, not the console, should decide it.

| Scenario | Wall time | Linq bound (+ waits) + console's work | Shared | Duplicates | Forgotten | Linq requests |
|---|---|---|---|---|---|---|
${table}
`;
    const file = writeResults('bulk', markdown);
    return `${markdown}\nWritten to ${file}`;
  } finally {
    await sandbox.close();
    await dropThrowawayDatabase(databaseUrl);
  }
}
