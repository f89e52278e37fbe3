// Bulk share at speed and at size. Eligible chats in the sandbox (its own process, as Linq is), 50 ms
// added to every Linq request, shared by runs through the real job runner (pg-boss on PostgreSQL):
// 1 000 chats with Linq answering at once (the console's own work), without faults, and with a burst
// of 429s; then every eligible chat of 100 000 (BULK_CHATS), with the run's creation timed and the
// console's memory sampled while it runs. Wall time against the bound set by the concurrency
// (chats × Linq calls per share × 50 ms ÷ concurrency); duplicates and forgotten chats counted in the
// sandbox's own record; per share, the console's CPU and the database's statements and rows written.
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';
import { BENCH_LINE, benchChat } from './bench-chats';
import { startSandboxProcess } from './sandbox-client';
import { machine, writeResults } from './setup';

const SMALL = 1_000;
const LARGE = Number(process.env.BULK_CHATS ?? 100_000);
const LATENCY_MS = 50;
const CONCURRENCY = 8;

interface Scenario {
  label: string;
  chats: number;
  createdSeconds: number;
  seconds: number;
  bound: number;
  waitedSeconds: number;
  shared: number;
  duplicates: number;
  forgotten: number;
  requests: number;
  cpuMsPerShare: number;
  statementsPerShare: number;
  rowsWrittenPerShare: number;
  rssStartMb: number;
  rssPeakMb: number;
}

export async function runBulkBench(): Promise<string> {
  const now = Date.now();
  const sandbox = await startSandboxProcess({ eligible: LARGE, now, requestLog: LARGE * 3 + 10_000 });
  const databaseUrl = await createThrowawayDatabase('console_bench_bulk');
  try {
    migrateDeploy(databaseUrl);
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      LINQ_API_BASE_URL: sandbox.baseUrl,
      BACKGROUND_JOBS: 'on',
      SHARE_RUN_CONCURRENCY: String(CONCURRENCY),
      LOG_FORMAT: 'json',
    });
    const { db, disconnectDb } = await import('@/lib/db');
    const { getSettings } = await import('@/lib/env');
    const { writeChats, recordOutboundReads } = await import('@/lib/chats/index-store');
    const { recordCardStatus } = await import('@/lib/lines/store');
    const { toChat } = await import('@/lib/linq/mappers');
    const { chatJson } = await import('@/lib/sandbox/serialize');
    const { createRun } = await import('@/lib/runs/runs');
    const { CALLS_PER_SHARE } = await import('@/lib/runs/estimate');
    const { startBackgroundJobs } = await import('@/lib/jobs/workers');
    const { stopBoss } = await import('@/lib/queue/boss');

    // The index as a sync would leave it: every chat with its outbound message read, the line's card active.
    for (let from = 0; from < LARGE; from += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, LARGE - from) }, (_, k) => benchChat(from + k, now));
      await writeChats(
        batch.map(({ chat }) => toChat(chatJson(chat) as Parameters<typeof toChat>[0])),
        new Date(),
      );
      await recordOutboundReads(
        batch.map(({ chat, messages }) => ({
          chatId: chat.id,
          facts: { hasOutbound: true, lastInboundAt: messages[0]!.created_at, lastOutboundAt: messages[1]!.created_at },
        })),
        new Date(),
      );
    }
    await recordCardStatus(BENCH_LINE, 'active');
    // …and a sync on record, or the first tick would start one (the index would look never synced).
    const { beginSyncRun } = await import('@/lib/chats/sync/runs');
    const { run: synced } = await beginSyncRun('MANUAL');
    await db.chatSyncRun.update({ where: { id: synced.id }, data: { status: 'COMPLETED', phase: 'done', finishedAt: new Date() } });
    const user = await db.user.create({ data: { email: 'bench@bench.test', name: 'Bench', role: 'OPERATOR', passwordHash: 'x' } });
    await startBackgroundJobs();
    const concurrency = getSettings().shareRunConcurrency;
    const databaseCounters = async () => {
      const [row] = await db.$queryRaw<Array<{ statements: number; written: number }>>`
        SELECT (xact_commit + xact_rollback)::float8 AS statements, (tup_inserted + tup_updated + tup_deleted)::float8 AS written
          FROM pg_stat_database WHERE datname = current_database()`;
      return row!;
    };

    async function scenario(label: string, chats: number, faults: Array<Record<string, unknown>>): Promise<Scenario> {
      // Every chat eligible again.
      await db.chatShareState.deleteMany();
      await sandbox.control('DELETE', '/__sandbox/faults');
      if (faults.length > 0) await sandbox.control('POST', '/__sandbox/faults', { rules: faults });
      await sandbox.control('DELETE', '/__sandbox/requests');
      const startedAt = new Date().toISOString();
      const counters = await databaseCounters();
      const cpu = process.cpuUsage();
      const rssStart = process.memoryUsage().rss;
      let rssPeak = rssStart;
      const started = performance.now();
      const scope =
        chats === LARGE
          ? ({ kind: 'filter', query: { show: 'eligible' } } as const)
          : ({ kind: 'chats', chatIds: Array.from({ length: chats }, (_, i) => benchChat(i, now).chat.id) } as const);
      const run = await createRun({ createdById: user.id, numbers: null, source: 'BULK', scope });
      if (!run) throw new Error('no run');
      const createdSeconds = (performance.now() - started) / 1000;
      const pauses = new Set<number>();
      for (;;) {
        const current = await db.shareRun.findUniqueOrThrow({ where: { id: run.id } });
        if (current.pausedUntil) pauses.add(current.pausedUntil.getTime());
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        if (current.status !== 'RUNNING') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const after = await databaseCounters();
      const done = await db.shareRun.findUniqueOrThrow({ where: { id: run.id } });
      const { shares } = (await sandbox.control('GET', '/__sandbox/shares')) as { shares: Array<{ chat_id: string; at: string }> };
      const { requests } = (await sandbox.control('GET', '/__sandbox/requests')) as { requests: unknown[] };
      const perChat = new Map<string, number>();
      for (const share of shares) if (share.at >= startedAt) perChat.set(share.chat_id, (perChat.get(share.chat_id) ?? 0) + 1);
      const retryAfter = faults.find((f) => f.status === 429)?.retryAfterSeconds as number | undefined;
      const latency = ((await sandbox.control('GET', '/__sandbox')) as { behaviour: { latencyMs: number } }).behaviour.latencyMs;
      return {
        label,
        chats,
        createdSeconds,
        seconds,
        bound: (chats * CALLS_PER_SHARE * latency) / concurrency / 1000,
        waitedSeconds: pauses.size * (retryAfter ?? 0),
        shared: done.shared,
        duplicates: [...perChat.values()].filter((n) => n > 1).length,
        forgotten: chats - perChat.size,
        requests: requests.length,
        cpuMsPerShare: (used.user + used.system) / 1000 / chats,
        statementsPerShare: (after.statements - counters.statements) / chats,
        rowsWrittenPerShare: (after.written - counters.written) / chats,
        rssStartMb: rssStart / 2 ** 20,
        rssPeakMb: rssPeak / 2 ** 20,
      };
    }

    const results: Scenario[] = [];
    await sandbox.control('PATCH', '/__sandbox/behaviour', { latencyMs: 0 });
    results.push(await scenario('1 000 chats, Linq answering at once (the console’s own work)', SMALL, []));
    await sandbox.control('PATCH', '/__sandbox/behaviour', { latencyMs: LATENCY_MS });
    results.push(await scenario('1 000 chats, no faults', SMALL, []));
    results.push(
      await scenario('1 000 chats, a burst of twelve 429s (Retry-After 2 s)', SMALL, [
        { method: 'POST', path: '/share_contact_card$', status: 429, retryAfterSeconds: 2, times: 12 },
      ]),
    );
    results.push(await scenario(`every eligible chat of ${LARGE.toLocaleString('en-US')}, no faults`, LARGE, []));
    await stopBoss(5_000);
    await disconnectDb();
    return report(results, concurrency, CALLS_PER_SHARE);
  } finally {
    sandbox.stop();
    await dropThrowawayDatabase(databaseUrl);
  }
}

function report(results: Scenario[], concurrency: number, callsPerShare: number): string {
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  const rows = results
    .map((r) => {
      const bound = r.bound > 0 ? `${fixed(r.bound)} s${r.waitedSeconds ? ` + ${r.waitedSeconds} s waited` : ''}` : '–';
      const ratio = r.bound > 0 ? `${fixed(r.seconds / (r.bound + r.waitedSeconds), 2)}×` : '–';
      return `| ${r.label} | ${fixed(r.createdSeconds, 2)} s | ${fixed(r.seconds)} s | ${bound} | ${ratio} | ${r.shared} | ${r.duplicates} | ${r.forgotten} | ${r.requests} |`;
    })
    .join('\n');
  const work = results
    .map(
      (r) =>
        `| ${r.label} | ${fixed(r.cpuMsPerShare, 2)} ms | ${fixed(r.statementsPerShare)} | ${fixed(r.rowsWrittenPerShare)} | ${fixed(r.rssStartMb, 0)} MB | ${fixed(r.rssPeakMb, 0)} MB | ${fixed(r.rssPeakMb - r.rssStartMb, 0)} MB |`,
    )
    .join('\n');
  const markdown = `# Bulk share benchmark

\`npm run bench -- bulk\` (\`BULK_CHATS\`, default 100 000) · ${machine()} · PostgreSQL on 127.0.0.1 · concurrency ${concurrency} (SHARE_RUN_CONCURRENCY)

Eligible chats on one sending number of the sandbox, which runs in a process of its own as Linq
does; ${LATENCY_MS} ms added to every Linq request except in the first row. Each run goes through
the console's job runner (pg-boss), timed from the request that creates it to its end. Each share
makes ${callsPerShare} Linq calls (the chat, then the share; the card is read once per number and
minute), so the bound Linq's latency sets is chats × ${callsPerShare} × ${LATENCY_MS} ms ÷ ${concurrency}. The 429 scenario
adds the pauses Linq asked for (each distinct pause, Retry-After 2 s). Duplicates (a chat shared
twice) and forgotten chats (never shared) are counted in the sandbox's own record of shares.

A run keeps ${concurrency} requests with Linq and twice as many shares in progress: while some
workers wait for Linq, the others do their database work (lib/runs/process.ts), so the console's
own work hides behind Linq's latency instead of adding to it.

| Run | Created (frozen) in | Wall time | Linq bound (+ waits) | Wall ÷ bound | Shared | Duplicates | Forgotten | Linq requests |
|---|---|---|---|---|---|---|---|---|
${rows}

## The console's work per share

Per share: the console's CPU (this process: the job runner, Prisma, the SDK, the log lines), the
database's statements (transactions committed, from \`pg_stat_database\`; each statement outside a
transaction is one) and the rows it wrote (inserted, updated, deleted, triggers' rows included).
Memory is this process's resident set, sampled every 200 ms while the run went on.

| Run | Console CPU | Statements | Rows written | RSS at start | RSS peak | Growth |
|---|---|---|---|---|---|---|
${work}

A successful share's statements, in order: claim the chat (one UPDATE … SKIP LOCKED); read the chat
with its share state (one SELECT); then, with Linq's chat in hand, write it back to the index (an
INSERT … ON CONFLICT that writes nothing when Linq's chat has not changed) and record the attempt
(one INSERT), side by side; reserve the chat (one INSERT … ON CONFLICT DO UPDATE); after Linq's
answer, settle the reservation, the event and the attempts it supersedes (one statement); and record
the run's item and counters (one statement). The remainder in the table is the job queue's and the
run's own bookkeeping (slices, the checks every second whether the run was paused or cancelled).
`;
  const file = writeResults('bulk', markdown);
  return `${markdown}\nWritten to ${file}`;
}
