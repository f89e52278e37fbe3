// A full sync of SYNC_CHATS (default 1 000 000) sandbox chats of the demo account's mix into an empty
// index on PostgreSQL. The sandbox runs in its own process, the sync in another (as its job runs
// it), killed once mid-crawl and started again to resume from the run's checkpoint. The sandbox
// counts Linq's requests, against the bound: the list pages, plus one messages read per chat whose
// outbound presence is unknown (every chat, in an empty index). Then a second sync, nothing changed.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';
import { startSandboxProcess } from './sandbox-client';
import { machine, writeResults } from './setup';

const CHATS = Number(process.env.SYNC_CHATS ?? 1_000_000);

interface SyncResult {
  label: string;
  seconds: number;
  phases: Array<{ phase: string; seconds: number }>;
  pages: number;
  chatsSeen: number;
  messagesRead: number;
  resumes: number;
  killedAtPage: number | null;
  counts: Record<string, number>;
  rss: Array<{ child: number; mb: number[] }>;
}

/** A sync process; its memory samples (MB) go into `samples`. */
function syncProcess(env: Record<string, string>, samples: number[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/bench/sync-child.ts'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const { rss } = JSON.parse(line) as { rss?: number };
      if (rss) samples.push(rss / 2 ** 20);
    } catch {
      // not a sample
    }
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

export async function runSyncBench(): Promise<string> {
  const sandbox = await startSandboxProcess({ seeded: CHATS });
  const databaseUrl = await createThrowawayDatabase('console_bench_sync');
  try {
    migrateDeploy(databaseUrl);
    Object.assign(process.env, { DATABASE_URL: databaseUrl, LINQ_API_BASE_URL: sandbox.baseUrl });
    const { db, disconnectDb } = await import('@/lib/db');
    const { beginSyncRun } = await import('@/lib/chats/sync/runs');

    async function sync(label: string, killAfterPages: number | null): Promise<SyncResult> {
      await sandbox.control('DELETE', '/__sandbox/requests');
      const { run } = await beginSyncRun('MANUAL');
      const env = { DATABASE_URL: databaseUrl, LINQ_API_BASE_URL: sandbox.baseUrl, RUN_ID: run.id };
      const started = performance.now();
      const phases: SyncResult['phases'] = [];
      let phase = run.phase;
      let phaseStarted = started;
      const rss: SyncResult['rss'] = [{ child: 1, mb: [] }];
      let worker = syncProcess(env, rss[0]!.mb);
      let killedAtPage: number | null = null;
      for (;;) {
        const current = await db.chatSyncRun.findUniqueOrThrow({ where: { id: run.id } });
        if (current.phase !== phase) {
          phases.push({ phase, seconds: (performance.now() - phaseStarted) / 1000 });
          [phase, phaseStarted] = [current.phase, performance.now()];
        }
        if (current.status !== 'RUNNING') break;
        if (killAfterPages !== null && killedAtPage === null && current.pages >= killAfterPages) {
          // Killed mid-crawl, as a crash or a deploy would; another process takes the run up.
          worker.child.kill('SIGKILL');
          await worker.exited;
          killedAtPage = current.pages;
          rss.push({ child: 2, mb: [] });
          worker = syncProcess({ ...env, RESUMING: '1' }, rss[1]!.mb);
        }
        if (worker.child.exitCode !== null) throw new Error('the sync process stopped before the run ended');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if ((await worker.exited) !== 0) throw new Error('the sync process failed');
      const finished = await db.chatSyncRun.findUniqueOrThrow({ where: { id: run.id } });
      const { counts } = (await sandbox.control('GET', '/__sandbox/requests?counts')) as { counts: Record<string, number> };
      return {
        label,
        seconds: (performance.now() - started) / 1000,
        phases,
        pages: finished.pages,
        chatsSeen: finished.chatsSeen,
        messagesRead: finished.messagesRead,
        resumes: finished.resumes,
        killedAtPage,
        counts,
        rss,
      };
    }

    const first = await sync('First sync, empty index, killed once mid-crawl', Math.ceil(CHATS / 100 / 3));
    const second = await sync('Second sync, nothing changed', null);
    await disconnectDb();
    return report([first, second]);
  } finally {
    sandbox.stop();
    await dropThrowawayDatabase(databaseUrl);
  }
}

function report(results: SyncResult[]): string {
  const count = (r: SyncResult, key: string) => r.counts[key] ?? 0;
  const listPages = Math.ceil(CHATS / 100);
  const rows = results
    .map((r) => {
      const lists = count(r, 'GET /v3/chats');
      const reads = count(r, 'GET /v3/chats/{id}/messages');
      const other = Object.values(r.counts).reduce((sum, n) => sum + n, 0) - lists - reads;
      return `| ${r.label} | ${(r.seconds / 60).toFixed(1)} min | ${r.phases.map((p) => `${p.phase} ${p.seconds.toFixed(0)} s`).join(', ')} | ${lists} (bound ${listPages}) | ${reads} (bound ${r === results[0] ? CHATS : 0}) | ${other} | ${r.messagesRead} | ${r.killedAtPage ?? '–'} | ${r.resumes} |`;
    })
    .join('\n');
  const memory = results
    .flatMap((r) =>
      r.rss.map(({ child, mb }) => {
        const fmt = (n: number) => `${n.toFixed(0)} MB`;
        const at = (share: number) => fmt(mb[Math.min(mb.length - 1, Math.floor(share * mb.length))] ?? 0);
        return `| ${r.label} | process ${child} | ${mb.length} s | ${at(0.1)} | ${at(0.25)} | ${at(0.5)} | ${at(0.75)} | ${fmt(mb.at(-1) ?? 0)} | ${fmt(Math.max(...mb))} |`;
      }),
    )
    .join('\n');
  const markdown = `# Full sync benchmark

\`npm run bench -- sync\` (\`SYNC_CHATS\`, default 1 000 000) · ${machine()} · PostgreSQL on 127.0.0.1

${CHATS.toLocaleString('en-US')} chats in the sandbox (the demo account's mix: three lines, iMessage, SMS and RCS, groups,
1 to 6 messages each), Linq answering at once; the sandbox in a process of its own, the sync in
another, as its job runs it (slices of 4 minutes, 8 messages reads at once). The first sync starts from
an empty index and is killed (SIGKILL) a third of the way through its crawl; a new process resumes
the run from its checkpoint. The second sync runs with nothing changed in Linq.

Requests are counted by the sandbox. The bound: one list page per 100 chats, plus one messages read
per chat whose outbound presence the index does not know (every chat the first time, none the second).
The kill costs at most the page in hand, read again by the next process. "Other" is the lines and
their cards (the sync's first phase).

| Sync | Wall time | Phases | List pages | Messages reads | Other | Messages read (run) | Killed at page | Resumes |
|---|---|---|---|---|---|---|---|---|
${rows}

Memory of each sync process (resident set, sampled every second) a tenth, a quarter, half and three
quarters of the way through its life, at its end, and its peak. Each step holds one page of 100 chats or
one batch of 200 chats' reads, whatever the size of the account.

| Sync | Process | Samples | 10 % | 25 % | 50 % | 75 % | End | Peak |
|---|---|---|---|---|---|---|---|---|
${memory}
`;
  const file = writeResults('sync', markdown);
  return `${markdown}\nWritten to ${file}`;
}
