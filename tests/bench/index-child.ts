// One measurement of the chat index benchmark, in a process of its own (the console's modules keep
// one database per process). `tsx --conditions=react-server tests/bench/index-child.ts <kind> <db>`,
// kind: pages | sync | webhooks, db: embedded | postgres. Prints one JSON line: the result.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createThrowawayDatabase, dropThrowawayDatabase, migrateDeploy } from '../support/postgres';
import { percentile } from './setup';
import type { SenderInput, SenderOutput, SignedDelivery } from './webhook-sender';

const [kind, database, sizeArgument] = process.argv.slice(2) as ['pages' | 'sync' | 'webhooks', 'embedded' | 'postgres', string | undefined];
/** How many chats `pages` seeds (the scale benchmark passes 1 000 000). */
const SIZE = Number(sizeArgument ?? 100_000);
const LATENCY_MS = 50;
const WEBHOOK_SECRET = `whsec_${Buffer.from('benchmark webhook signing secret!!').toString('base64')}`;

async function setUp(sandboxOptions: { chatCount: number; latencyMs?: number }) {
  const { SANDBOX_API_KEY } = await import('@/lib/env');
  const { startSandbox } = await import('@/lib/sandbox/server');
  const sandbox = await startSandbox({
    apiKey: SANDBOX_API_KEY,
    chatCount: sandboxOptions.chatCount,
    seed: 5,
    behaviour: { latencyMs: sandboxOptions.latencyMs ?? 0 },
    requestLogSize: 100_000,
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-'));
  Object.assign(process.env, { DATA_DIR: dataDir, LINQ_API_BASE_URL: sandbox.baseUrl, BACKGROUND_JOBS: 'off', LINQ_WEBHOOK_SECRET: WEBHOOK_SECRET });
  let databaseUrl: string | undefined;
  if (database === 'postgres') {
    databaseUrl = await createThrowawayDatabase('console_bench_index');
    migrateDeploy(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
  }
  const { prepareDatabase } = await import('@/lib/db');
  const { getSettings } = await import('@/lib/env');
  await prepareDatabase(getSettings().database);
  const { db, disconnectDb } = await import('@/lib/db');
  return {
    sandbox,
    db,
    async close() {
      const { stopBoss } = await import('@/lib/queue/boss');
      await stopBoss(1_000);
      await disconnectDb();
      const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
      await closeEmbeddedPglite();
      await sandbox.close();
      if (databaseUrl) await dropThrowawayDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const stats = (times: number[]) => ({ p50: percentile(times, 50), p95: percentile(times, 95) });

/** SIZE indexed chats: the first page and a deep page of each filter, the counts, and the Linq calls a view makes. */
async function pages() {
  const env = await setUp({ chatCount: 0 });
  const { db } = env;
  const seedStarted = performance.now();
  await db.$executeRawUnsafe(`INSERT INTO "SendingLine" ("phoneNumber", "cardStatus") VALUES
    ('+14155550100', 'active'), ('+14155550101', 'none'), ('+14155550102', 'inactive'), ('+14155550103', 'active'), ('+14155550104', 'active')`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Chat" ("id", "sendingNumber", "service", "isGroup", "health", "hasLeft", "displayName", "participants", "searchText", "outbound", "activityAt", "linqUpdatedAt", "lastListedAt")
    SELECT 'chat-' || lpad(n::text, 7, '0'),
           '+141555501' || lpad((n % 5)::text, 2, '0'),
           CASE WHEN n % 10 < 7 THEN 'iMessage' WHEN n % 10 < 9 THEN 'SMS' ELSE 'RCS' END,
           n % 17 = 0,
           CASE WHEN n % 50 = 0 THEN 'OPTED_OUT' WHEN n % 20 = 0 THEN 'CRITICAL' WHEN n % 7 = 0 THEN 'AT_RISK' ELSE 'HEALTHY' END,
           n % 97 = 0,
           CASE WHEN n % 17 = 0 THEN 'Group ' || n END,
           ARRAY['+1312' || lpad(n::text, 7, '0')],
           CASE WHEN n % 17 = 0 THEN 'group ' || n || ' ' ELSE '' END || '+1312' || lpad(n::text, 7, '0'),
           (CASE WHEN n % 13 < 8 THEN 'YES' WHEN n % 13 < 11 THEN 'NO' ELSE 'UNKNOWN' END)::"OutboundState",
           (now() AT TIME ZONE 'UTC') - n * interval '26 seconds',
           (now() AT TIME ZONE 'UTC') - n * interval '26 seconds',
           (now() AT TIME ZONE 'UTC')
      FROM generate_series(1, ${SIZE}) n`);
  // One chat in seven shared, at any time over the last three days.
  await db.$executeRawUnsafe(`
    INSERT INTO "ChatShareState" ("chatId", "lastSucceededAt")
    SELECT 'chat-' || lpad(n::text, 7, '0'), (now() AT TIME ZONE 'UTC') - (n % 72) * interval '1 hour' FROM generate_series(1, ${SIZE}, 7) n`);
  // The counts' cells as the minute tick leaves them: the seeding's deltas folded.
  const { foldChatCounts } = await import('@/lib/chats/count-cells');
  await foldChatCounts(new Date(), 24 * 3_600_000);
  await db.$executeRawUnsafe('ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const { queryChatIndex, encodeCursor, cooldownCutoff, firstPageStatement } = await import('@/lib/chats/index-query');
  const { countChatIndex, facetCountsStatement } = await import('@/lib/chats/index-counts');
  const { viewCondition, FROM_CHATS } = await import('@/lib/chats/index-filters');
  const { chatPageQuerySchema } = await import('@/lib/validations/chats');
  const { readIndexStatus } = await import('@/lib/chats/index-status');
  const { listLines } = await import('@/lib/lines/store');
  const { Prisma } = await import('@/generated/prisma/client');
  const cooldown = 24 * 3_600_000;
  const q = (raw: Record<string, string>) => chatPageQuerySchema.parse({ limit: '50', ...raw });

  /** A cursor 80 % of the way through the view's rows (at most half the chats' row): a deep page. */
  async function deepCursor(raw: Record<string, string>) {
    const query = q(raw);
    const where = viewCondition(query, null, cooldownCutoff(new Date(), cooldown));
    const shared = query.sort === 'shared';
    const [counted] = await db.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM ${FROM_CHATS} WHERE ${where}`;
    const total = counted?.total ?? 0;
    const offset = Math.min(Math.floor(total * 0.8), SIZE / 2);
    // The page's own order: by last share, the shared chats first, then the others by activity.
    const order = shared
      ? Prisma.sql`s."lastSucceededAt" DESC NULLS LAST, CASE WHEN s."lastSucceededAt" IS NULL THEN c."activityAt" END DESC NULLS LAST, c."id" DESC`
      : Prisma.sql`c."activityAt" DESC, c."id" DESC`;
    const [row] = await db.$queryRaw<Array<{ id: string; activityAt: Date; lastSharedAt: Date | null }>>`
      SELECT c."id", c."activityAt", s."lastSucceededAt" AS "lastSharedAt" FROM ${FROM_CHATS} WHERE ${where} ORDER BY ${order} OFFSET ${offset} LIMIT 1`;
    return { cursor: row ? encodeCursor(row, query.sort) : undefined, offset, total };
  }

  const scenarios: Array<[string, Record<string, string>]> = [
    ['All chats', {}],
    ['One number', { from: '+14155550103' }],
    ['Eligible now', { show: 'eligible' }],
    ['Eligible now, one number', { show: 'eligible', from: '+14155550100' }],
    ['Checking', { show: 'checking' }],
    ['Not eligible', { show: 'ineligible' }],
    ['Not eligible: not iMessage', { show: 'ineligible', reason: 'not_imessage' }],
    ['Not eligible: no message sent', { show: 'ineligible', reason: 'no_outbound' }],
    ['Not eligible: no active card', { show: 'ineligible', reason: 'no_card' }],
    ['Not eligible: shared within the cooldown', { show: 'ineligible', reason: 'cooldown' }],
    ['Not eligible: opted out', { show: 'ineligible', reason: 'opted_out' }],
    ['Not eligible: number left', { show: 'ineligible', reason: 'left' }],
    ['Never shared', { shared: 'never' }],
    ['Shared within the cooldown', { shared: 'recent' }],
    ['Shared before the cooldown', { shared: 'earlier' }],
    ['Service SMS', { service: 'SMS' }],
    ['Health critical', { health: 'CRITICAL' }],
    ['Group chats', { group: 'group' }],
    ['Search part of a number', { q: '131200012' }],
    ['Search part of a name', { q: 'group 77' }],
    ['Sort by last shared', { sort: 'shared' }],
  ];

  const RUNS = 25;
  const results = [];
  for (const [label, raw] of scenarios) {
    const deep = await deepCursor(raw);
    const measure = async (query: ReturnType<typeof q>) => {
      await queryChatIndex(query, null, cooldown);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        rows = (await queryChatIndex(query, null, cooldown)).rows.length;
        times.push(performance.now() - started);
      }
      return { rows, ...stats(times) };
    };
    const first = await measure(q(raw));
    const deepPage = deep.cursor ? await measure(q({ ...raw, cursor: deep.cursor })) : null;
    results.push({ label, raw, total: deep.total, deepOffset: deep.offset, first, deep: deepPage });
  }

  // The counts beside the filters: from the cells, and (what the cells replace) one pass over every chat.
  const lines = ['+14155550100', '+14155550101', '+14155550102', '+14155550103', '+14155550104'];
  const timeCounts = async (runs: number, everyChat: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await countChatIndex(q({}), null, cooldown, lines, new Date(), everyChat);
      times.push(performance.now() - started);
    }
    return times;
  };
  const countTimes = await timeCounts(25, false);
  const everyChatTimes = await timeCounts(3, true);
  const [cells] = await db.$queryRaw<Array<{ cells: number; deltas: number }>>`
    SELECT (SELECT count(*)::int FROM "ChatCountCell") AS "cells", (SELECT count(*)::int FROM "ChatCountDelta") AS "deltas"`;

  // The plans, with the indexes they use: the counts, and the first pages that took longest.
  const explain = async (statement: InstanceType<typeof Prisma.Sql>) =>
    (await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN (ANALYZE, BUFFERS) ${statement}`).map((row) => row['QUERY PLAN']).join('\n');
  const plans: Record<string, string> = {
    'Counts beside the filters (cells)': await explain((await facetCountsStatement(q({}), null, cooldown, lines)).statement),
  };
  const slowest = results
    .filter(({ raw }) => raw.sort !== 'shared')
    .sort((a, b) => b.first.p95 - a.first.p95)
    .slice(0, 3);
  for (const { label, raw } of slowest) plans[`First page: ${label}`] = await explain(firstPageStatement(q(raw), null, cooldown));

  // A whole page view: the three reads readChatsView makes (lib/data/chats.ts, which also checks the
  // session), and the Linq calls they cause.
  await Promise.all([queryChatIndex(q({ show: 'eligible' }), null, cooldown), listLines(null), readIndexStatus(null)]);
  const before = env.sandbox.store.requestLog.length;
  const viewTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await Promise.all([queryChatIndex(q({ show: 'eligible' }), null, cooldown), listLines(null), readIndexStatus(null)]);
    viewTimes.push(performance.now() - started);
  }
  const linqCalls = env.sandbox.store.requestLog.length - before;
  await env.close();
  return {
    size: SIZE,
    seedSeconds,
    results,
    counts: stats(countTimes),
    countsEveryChat: stats(everyChatTimes),
    cells,
    plans,
    view: stats(viewTimes),
    linqCallsPerView: linqCalls / 10,
  };
}

/** A full sync of 10 000 sandbox chats with 50 ms added to every Linq request, then one with nothing changed. */
async function sync() {
  const env = await setUp({ chatCount: 10_000, latencyMs: LATENCY_MS });
  const { beginSyncRun } = await import('@/lib/chats/sync/runs');
  const { runSyncSlice } = await import('@/lib/chats/sync/slice');
  const { getBackgroundLinq } = await import('@/lib/linq');
  const readConcurrency = database === 'embedded' ? 4 : 8;
  const once = async () => {
    const requestsBefore = env.sandbox.store.requestLog.length;
    const started = performance.now();
    const { run } = await beginSyncRun('MANUAL');
    let outcome = await runSyncSlice(run.id, { linq: getBackgroundLinq(), budgetMs: 4 * 60_000, readConcurrency });
    while (outcome.kind !== 'finished') outcome = await runSyncSlice(run.id, { linq: getBackgroundLinq(), budgetMs: 4 * 60_000, readConcurrency });
    const seconds = (performance.now() - started) / 1000;
    const requests = env.sandbox.store.requestLog.slice(requestsBefore);
    return {
      seconds,
      status: outcome.run.status,
      chatsSeen: outcome.run.chatsSeen,
      listPages: requests.filter((r) => r.path === '/v3/chats').length,
      messageReads: requests.filter((r) => r.path.endsWith('/messages')).length,
      otherCalls: requests.filter((r) => r.path !== '/v3/chats' && !r.path.endsWith('/messages')).length,
      messagesRead: outcome.run.messagesRead,
    };
  };
  const first = await once();
  const second = await once();
  const indexed = await env.db.chat.count({ where: { goneAt: null } });
  await env.close();
  return { latencyMs: LATENCY_MS, readConcurrency, chats: 10_000, indexed, first, second };
}

/** 1 400 deliveries in four parts (100 of them repeats) through the webhook route: answer times, then what was applied. */
async function webhooks() {
  const env = await setUp({ chatCount: 1_000 });
  const { upsertChats } = await import('@/lib/chats/index-store');
  const { getLinq, getBackgroundLinq } = await import('@/lib/linq');
  for (let cursor: string | undefined; ;) {
    const page = await getLinq().listChats({ limit: 100, cursor });
    await upsertChats(page.items, new Date());
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const { POST } = await import('@/app/api/webhooks/linq/route');
  const { signatureHeaders } = await import('@/lib/sandbox/webhooks');
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await POST(
      new Request('http://console.local/api/webhooks/linq', { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const chats = env.sandbox.store.state.chats;
  const unique = Array.from({ length: 1_300 }, (_, i) => {
    const chat = chats[i % chats.length]!;
    const at = new Date(Date.now() - (1_300 - i) * 1000).toISOString();
    return {
      id: `msg_bench_${i}`,
      body: JSON.stringify({
        event_type: 'message.received',
        event_id: `evt_${i}`,
        created_at: at,
        data: { direction: 'inbound', chat: { id: chat.id }, sent_at: at },
      }),
    };
  });
  // 100 repeats of earlier webhook-ids, spread through the burst's first 1 000; then 400 more.
  const burst = [
    ...unique.slice(0, 300),
    ...unique.slice(0, 50),
    ...unique.slice(300, 700),
    ...unique.slice(50, 100),
    ...unique.slice(700, 900),
    ...unique.slice(900),
  ];
  // The first request starts pg-boss (and on a new database installs its schema): not part of a burst.
  const warm = JSON.stringify({ event_type: 'warm.up', event_id: 'warm', created_at: new Date().toISOString(), data: {} });
  await fetch(url, { method: 'POST', headers: signatureHeaders(WEBHOOK_SECRET, 'msg_warm', Math.floor(Date.now() / 1000), warm), body: warm });

  const statuses = new Map<number, number>();
  let duplicates = 0;
  let statementsBefore = 0;
  /** Sends deliveries `inFlight` at a time from the sender's thread, signed beforehand: the answer times of each. */
  async function send(deliveries: typeof burst, inFlight: number, applyBeside = false) {
    const signedAt = Math.floor(Date.now() / 1000);
    const signed: SignedDelivery[] = deliveries.map((delivery) => ({
      headers: { 'content-type': 'application/json', ...signatureHeaders(WEBHOOK_SECRET, delivery.id, signedAt, delivery.body) },
      body: delivery.body,
    }));
    const sender = new Worker(new URL('./webhook-sender.ts', import.meta.url), { workerData: { url, deliveries: signed, inFlight } satisfies SenderInput });
    const output = await new Promise<SenderOutput>((resolve, reject) => sender.once('message', resolve).once('error', reject));
    await sender.terminate();
    for (const [status, count] of Object.entries(output.statuses)) statuses.set(Number(status), (statuses.get(Number(status)) ?? 0) + count);
    duplicates += output.duplicates;
    // Rows one statement inserted share its transaction id: how many statements stored this part's new deliveries.
    const [{ statements }] = await env.db.$queryRaw<[{ statements: number }]>`
      SELECT count(DISTINCT xmin::text)::int AS statements FROM "WebhookDelivery" WHERE "id" LIKE 'msg_bench_%'`;
    // (The apply job's updates give rows new transaction ids: beside it the count means nothing.)
    const inserts = applyBeside ? null : statements - statementsBefore;
    statementsBefore = statements;
    return { inFlight, applyBeside, seconds: output.seconds, inserts, ...stats(output.times) };
  }
  // The burst's first 1 000 in three parts, each at its own concurrency: one at a time (the answer's
  // own cost), 5 at a time (a sender's usual parallelism), 20 at a time (on two cores: mostly queueing).
  const parts = [await send(burst.slice(0, 200), 1), await send(burst.slice(200, 600), 5), await send(burst.slice(600, 1_000), 20)];

  const { applyWaitingDeliveries } = await import('@/lib/webhooks/apply');
  const applyAll = async () => {
    while ((await env.db.webhookDelivery.count({ where: { status: 'RECEIVED' } })) > 0) await applyWaitingDeliveries(getBackgroundLinq(), 60_000);
  };
  const applyStarted = performance.now();
  await applyAll();
  const applySeconds = (performance.now() - applyStarted) / 1000;

  // The last 400, 20 at a time while the apply job works beside the route, as it does in the console
  // (BACKGROUND_JOBS is off here, so this loop stands in for its worker, which the route wakes).
  let sending = true;
  const applying = (async () => {
    while (sending) {
      await applyWaitingDeliveries(getBackgroundLinq(), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const beside = await send(burst.slice(1_000), 20, true);
  sending = false;
  await applying;
  await applyAll();
  parts.push(beside);
  server.close();
  const recorded = await env.db.webhookDelivery.count({ where: { id: { startsWith: 'msg_bench_' } } });
  const applied = await env.db.webhookDelivery.count({ where: { id: { startsWith: 'msg_bench_' }, status: 'APPLIED' } });
  await env.close();
  return { sent: burst.length, unique: unique.length, statuses: Object.fromEntries(statuses), duplicates, recorded, applied, applySeconds, parts };
}

const run = { pages, sync, webhooks }[kind];
if (!run || !['embedded', 'postgres'].includes(database)) {
  console.error('usage: index-child.ts pages|sync|webhooks embedded|postgres');
  process.exit(2);
}
const result = await run();
console.log(JSON.stringify(result));
process.exit(0);
