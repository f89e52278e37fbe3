// Live updates at speed: real consoles (`next start` of the build), a signed webhook posted to one,
// and 1, 50 and 200 streams open on /api/live of the same console (embedded database) or of another
// instance on the same PostgreSQL. Measured: from the webhook's POST to the change event on each
// stream (p50, p95); the server's memory and CPU per open stream; a burst of 1 000 deliveries,
// every chat heard once per stream, in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrismaClient } from '@/lib/db';
import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy, postgresReachable } from '../support/postgres';
import { collectSse } from '../support/sse-reader';
import { ensureBuilt, SECRET, signIn, startConsole, stopConsole, type RunningConsole } from './consoles';
import { machine, median, percentile, writeResults } from './setup';

const SAMPLES = 40;
const BURST = 1_000;
const BURST_STREAMS = 50;

async function openStreams(url: string, cookie: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const abort = new AbortController();
      const response = await fetch(`${url}/api/live`, { headers: { cookie }, signal: abort.signal });
      if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
      const stream = collectSse(response.body);
      await stream.waitFor((event) => event.event === 'hello');
      return { ...stream, close: () => abort.abort() };
    }),
  );
}

let chatCounter = 0;
async function addChats(db: PrismaClient, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `bench-live-${++chatCounter}-${Date.now()}`);
  await db.chat.createMany({
    data: ids.map((id) => ({ id, participants: ['+15550001111'], activityAt: new Date(Date.now() - 3_600_000), outbound: 'NO' as const })),
  });
  return ids;
}

async function postWebhook(url: string, chatId: string): Promise<void> {
  const sentAt = new Date().toISOString();
  const body = JSON.stringify({
    event_type: 'message.sent',
    event_id: `evt_${chatId}`,
    created_at: sentAt,
    data: { direction: 'outbound', chat: { id: chatId }, sent_at: sentAt },
  });
  const response = await fetch(`${url}/api/webhooks/linq`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, `msg_${chatId}`, Math.floor(Date.now() / 1000), body) },
    body,
  });
  if (response.status !== 200) throw new Error(`webhook: ${response.status} ${await response.text()}`);
}

const hasChat = (chatId: string) => (event: { event: string; data: string }) => event.event === 'change' && event.data.includes(`"${chatId}"`);

/** Webhook to `target`, streams on `watched`: each stream's delay from the POST to the event. */
async function latencies(db: PrismaClient, target: string, watched: string, cookie: string, streamCount: number): Promise<number[]> {
  const streams = await openStreams(watched, cookie, streamCount);
  const chats = await addChats(db, SAMPLES);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const delays: number[] = [];
  for (const chatId of chats) {
    const started = performance.now();
    await postWebhook(target, chatId);
    // The chat's own insert named it too: only what arrives after the POST counts.
    for (const stream of streams)
      delays.push((await stream.waitFor((event) => event.receivedAt >= started && hasChat(chatId)(event), 30_000)).receivedAt - started);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  for (const stream of streams) stream.close();
  return delays;
}

function processUsage(pid: number): { rssMb: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuMs: (ticks * 1000) / 100 };
}

const IDLE_STREAMS = 1_000;

/**
 * Memory and idle CPU (heartbeats, session checks) per open stream: the server idles 30 s without
 * streams, then 30 s with 1 000; memory is the median of a sample a second (garbage collection
 * makes single readings jump), on a console that has done nothing else yet.
 */
async function perStream(consoleUnderTest: RunningConsole, cookie: string) {
  const pid = consoleUnderTest.process.pid!;
  const idle = async () => {
    const before = processUsage(pid);
    const rss: number[] = [];
    for (let second = 0; second < 30; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rss.push(processUsage(pid).rssMb);
    }
    return { rssMb: median(rss), cpuMs: processUsage(pid).cpuMs - before.cpuMs };
  };
  const without = await idle();
  const streams = await openStreams(consoleUnderTest.url, cookie, IDLE_STREAMS);
  const withStreams = await idle();
  for (const stream of streams) stream.close();
  return {
    kbPerStream: ((withStreams.rssMb - without.rssMb) * 1024) / IDLE_STREAMS,
    cpuMsPerStreamPerMinute: ((withStreams.cpuMs - without.cpuMs) * 2) / IDLE_STREAMS,
  };
}

/** 1 000 deliveries at once: every stream hears every chat once, in the order of the events. */
async function burst(db: PrismaClient, target: string, watched: string, cookie: string) {
  const streams = await openStreams(watched, cookie, BURST_STREAMS);
  const chats = await addChats(db, BURST);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const started = performance.now();
  for (let i = 0; i < chats.length; i += 25) await Promise.all(chats.slice(i, i + 25).map((chatId) => postWebhook(target, chatId)));
  const posted = performance.now() - started;
  await Promise.all(streams.map((stream) => stream.waitFor(hasChat(chats.at(-1)!), 120_000)));
  // Deliveries are applied oldest event first: the last one posted may not be the last applied.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const seconds = (performance.now() - started) / 1000;
  const wanted = new Set(chats);
  let lost = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (const stream of streams) {
    // The chats' changes, made one after another by the apply job, arrive in the order they were
    // made. (The deliveries' own records are written by concurrent requests: their numbers are
    // taken in one order and committed in another, so they are not compared.)
    const changes = stream.events.filter((event) => event.event === 'change' && event.data.includes('"topic":"chats"') && event.receivedAt >= started);
    const seqs = changes.map((event) => Number(event.id));
    outOfOrder += seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]!).length;
    const heard = changes.flatMap((event) => (JSON.parse(event.data) as { ids: string[] }).ids).filter((id) => wanted.has(id));
    duplicates += heard.length - new Set(heard).size;
    lost += chats.filter((id) => !heard.includes(id)).length;
    stream.close();
  }
  return { seconds, postedSeconds: posted / 1000, lost, duplicates, outOfOrder };
}

const ms = (values: number[]) => `${Math.round(median(values))} ms | ${Math.round(percentile(values, 95))} ms`;

export async function runLiveBench(): Promise<string> {
  ensureBuilt();
  const rows: string[] = [];
  const notes: string[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-live-'));

  // One console on the embedded database: webhook and streams on the same instance.
  const bridgePassword = 'bench-embedded-database-password';
  const embedded = await startConsole(3201, {
    DATA_DIR: path.join(root, 'embedded'),
    SANDBOX_PORT: '4201',
    EMBEDDED_DB_PORT: '54391',
    EMBEDDED_DB_PASSWORD: bridgePassword,
    EMBEDDED_DB_ALLOW_IN_PRODUCTION: 'true',
  });
  const embeddedDb = createPrismaClient({ kind: 'postgres', url: `postgresql://postgres:${bridgePassword}@127.0.0.1:54391/postgres` });
  try {
    const cookie = await signIn(embedded.url);
    for (const count of [1, 50, 200])
      rows.push(`| Embedded, one instance | ${count} | ${ms(await latencies(embeddedDb, embedded.url, embedded.url, cookie, count))} |`);
    const usage = await perStream(embedded, cookie);
    notes.push(
      `- Embedded, ${IDLE_STREAMS} idle streams: ${usage.kbPerStream.toFixed(0)} KB of memory and ${usage.cpuMsPerStreamPerMinute.toFixed(2)} ms of CPU per stream per minute (heartbeats and session checks).`,
    );
    const b = await burst(embeddedDb, embedded.url, embedded.url, cookie);
    notes.push(
      `- Embedded, a burst of ${BURST} deliveries (posted in ${b.postedSeconds.toFixed(1)} s) to ${BURST_STREAMS} streams: all heard in ${b.seconds.toFixed(1)} s; lost ${b.lost}, duplicated ${b.duplicates}, out of order ${b.outOfOrder}.`,
    );
  } finally {
    await embeddedDb.$disconnect();
    await stopConsole(embedded);
  }

  // Two instances on one PostgreSQL: webhooks to the first, streams on the second.
  if (await postgresReachable()) {
    const databaseUrl = await createThrowawayDatabase('console_bench_live');
    migrateDeploy(databaseUrl);
    const first = await startConsole(3202, { DATA_DIR: path.join(root, 'pg-a'), DATABASE_URL: databaseUrl, SANDBOX_PORT: '4202' });
    const second = await startConsole(3203, {
      DATA_DIR: path.join(root, 'pg-b'),
      DATABASE_URL: databaseUrl,
      LINQ_API_BASE_URL: 'http://127.0.0.1:4202/api/partner',
    });
    const db = createPrismaClient({ kind: 'postgres', url: databaseUrl });
    try {
      const cookie = await signIn(second.url);
      for (const count of [1, 50, 200])
        rows.push(`| PostgreSQL, webhook to A, streams on B | ${count} | ${ms(await latencies(db, first.url, second.url, cookie, count))} |`);
      const usage = await perStream(second, cookie);
      notes.push(
        `- PostgreSQL, ${IDLE_STREAMS} idle streams on B: ${usage.kbPerStream.toFixed(0)} KB of memory and ${usage.cpuMsPerStreamPerMinute.toFixed(2)} ms of CPU per stream per minute.`,
      );
      const b = await burst(db, first.url, second.url, cookie);
      notes.push(
        `- PostgreSQL, a burst of ${BURST} deliveries to A (posted in ${b.postedSeconds.toFixed(1)} s), ${BURST_STREAMS} streams on B: all heard in ${b.seconds.toFixed(1)} s; lost ${b.lost}, duplicated ${b.duplicates}, out of order ${b.outOfOrder}.`,
      );
    } finally {
      await db.$disconnect();
      await Promise.all([stopConsole(first), stopConsole(second)]);
      await dropThrowawayDatabase(databaseUrl);
    }
  } else {
    notes.push('- PostgreSQL was not reachable: the two-instance rows were not measured.');
  }
  fs.rmSync(root, { recursive: true, force: true });

  const markdown = `# Live updates (issue 21)

\`npm run bench -- live\` on ${machine()}. Real consoles (\`next start\` of the build) with their
background jobs; a signed \`message.sent\` webhook for an indexed chat is posted, and the time is
taken from the start of the POST to the \`change\` event naming the chat on each open stream of
\`/api/live\` (read as a browser's EventSource reads it). ${SAMPLES} webhooks per row, one at a time.
The path: the route records the delivery and wakes its own apply worker; the worker updates the
chat; the table's trigger writes a LiveEvent and NOTIFYs; every instance's listener fans it out.

| Where | Open streams | p50 | p95 |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

Targets: p95 under 500 ms on one instance, under 2 s across instances. What a person sees
follows the event by one read of the page's queries (50 ms gathered, then one request each).

${notes.join('\n')}
`;
  writeResults('live', markdown);
  return markdown;
}
