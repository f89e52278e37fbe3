import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '@/lib/env';
import { createLinqClient } from '@/lib/linq/client';
import { LinqGateway } from '@/lib/linq/gateway';
import type { RunScope } from '@/lib/runs/selection';
import { chatPageQuerySchema } from '@/lib/validations/chats';
import { startTestConsole } from '../support/console-harness';

// Bulk share runs over the chat index and the sandbox: what a selection covers, how a run goes
// through Linq's 429s, 5xx and timeouts, pause / resume / cancel, a slice that died mid-share, and
// retrying the failed ones. The sandbox's own record of shares is the judge: no chat twice.

const h = startTestConsole({ sandbox: { chatCount: 300, seed: 11 } });
let actorId = '';

const modules = async () => ({
  ...(await import('@/lib/runs/runs')),
  ...(await import('@/lib/runs/selection')),
  ...(await import('@/lib/runs/process')),
  ...(await import('@/lib/chats/index-query')),
});

/** The run processor's clock: waits (Linq's pause, a retry's delay) pass at once. */
function testClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advanceTo: (until: Date) => void (offset = Math.max(offset, until.getTime() - Date.now() + 1)) };
}

/** Works a run in slices until it stops, as the job would, jumping over every wait; the waits it met. */
async function drive(runId: string, linq = h.backgroundLinq) {
  const { runSlice } = await modules();
  const clock = testClock();
  const waits: number[] = [];
  for (let slice = 0; slice < 200; slice++) {
    const outcome = await runSlice(runId, { linq, budgetMs: 60_000, concurrency: 4, now: clock.now });
    if (outcome.kind === 'stopped') return { run: outcome.run, waits };
    if (outcome.kind === 'wait') {
      waits.push(outcome.until.getTime() - clock.now().getTime());
      clock.advanceTo(outcome.until);
    }
  }
  throw new Error('The run did not end');
}

async function startRun(scope: RunScope) {
  const { createRun } = await modules();
  const run = await createRun({ createdById: actorId, numbers: null, source: 'BULK', scope });
  if (!run) throw new Error('no run');
  return run;
}

const sharesOf = (chatId: string) => h.sandbox.store.state.shares.filter((share) => share.chat_id === chatId).length;
const shareRequests = () => h.requests('/share_contact_card', 'POST').length;

async function pendingItems(runId: string): Promise<string[]> {
  const items = await h.db.shareRunItem.findMany({ where: { runId, state: { not: 'SKIPPED' } }, select: { chatId: true } });
  return items.map((item) => item.chatId);
}

/** A new chat of the card's line with a message sent: eligible at once. */
async function eligibleChat(): Promise<string> {
  const { upsertChats } = await import('@/lib/chats/index-store');
  const chat = await h.control<{ id: string }>('POST', '/__sandbox/chats', {
    from: '+14155550100',
    to: [`+1646${String(Math.random()).slice(2, 9)}`],
    outbound: 1,
  });
  await upsertChats([await h.linq.getChat(chat.id)], new Date());
  return chat.id;
}

beforeAll(async () => {
  actorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  const { beginSyncRun } = await import('@/lib/chats/sync/runs');
  const { runSyncSlice } = await import('@/lib/chats/sync/slice');
  const { run } = await beginSyncRun('MANUAL');
  for (let i = 0; i < 100; i++) {
    const outcome = await runSyncSlice(run.id, { linq: h.backgroundLinq, budgetMs: 60_000, readConcurrency: 4 });
    if (outcome.kind === 'finished') return;
  }
  throw new Error('The sync did not end');
});

describe('share runs', () => {
  it('covers every chat the filter matches, beyond the page; the dialog’s figures are the run’s; pause, resume and cancel', async () => {
    const { planRun, cooldownCutoff, queryChatIndex, pauseRun, resumeRun, cancelRun, RunStateError, runSlice } = await modules();
    const cutoff = cooldownCutoff(new Date(), 24 * 3_600_000);
    const scope: RunScope = { kind: 'filter', query: chatPageQuerySchema.parse({ show: 'all', from: '+14155550100' }) };

    // What the Chats page lists for this filter, page after page.
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryChatIndex(chatPageQuerySchema.parse({ from: '+14155550100', cursor }), null, 24 * 3_600_000, new Date());
      listed.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed.length).toBeGreaterThan(50);

    const plan = await planRun(scope, cutoff, null);
    const run = await startRun(scope);
    const items = await h.db.shareRunItem.findMany({ where: { runId: run.id } });
    expect(items.map((item) => item.chatId).sort()).toEqual([...listed].sort());
    expect(run).toMatchObject({ status: 'RUNNING', total: plan.total, skipped: plan.total - plan.toShare });
    expect(plan.perNumber).toEqual([{ phoneNumber: '+14155550100', toShare: plan.toShare, skipped: plan.total - plan.toShare }]);
    const skippedByReason: Record<string, number> = {};
    for (const item of items.filter((one) => one.state === 'SKIPPED')) skippedByReason[item.reason!] = (skippedByReason[item.reason!] ?? 0) + 1;
    expect(skippedByReason).toEqual(plan.skipped);
    expect(Object.keys(plan.skipped).length).toBeGreaterThan(1);
    expect(plan.toShare).toBeGreaterThan(0);

    // Paused: a slice shares nothing. Resumed, then cancelled before any slice ran: nothing is shared.
    await pauseRun(run.id);
    await expect(pauseRun(run.id)).rejects.toBeInstanceOf(RunStateError);
    expect((await runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 1_000, concurrency: 4 })).kind).toBe('stopped');
    await resumeRun(run.id);
    const cancelled = await cancelRun(run.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', skipped: plan.total });
    expect(await h.db.shareRunItem.count({ where: { runId: run.id, reason: 'cancelled' } })).toBe(plan.toShare);
    await expect(resumeRun(run.id)).rejects.toBeInstanceOf(RunStateError);
    expect((await runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 1_000, concurrency: 4 })).kind).toBe('stopped');
    expect(shareRequests()).toBe(0);

    // Its CSV: every chat of the run, with what became of it.
    const { runItemsCsv } = await import('@/lib/runs/export');
    // (ignoreBOM keeps the byte-order mark that spreadsheets need.)
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(runItemsCsv(run.id)).arrayBuffer());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFF"chat_id","chat","sending_number","state","reason","reason_code","attempts","share_event_id","updated_utc"');
    expect(lines).toHaveLength(plan.total + 1);
    expect(lines.filter((line) => line.includes('"SKIPPED","run cancelled","cancelled"'))).toHaveLength(plan.toShare);
  });

  it('goes through 429s, 5xx and timeouts and shares each eligible chat exactly once; the failed ones are retried by a new run', async () => {
    const everyEligible = await startRun({ kind: 'filter', query: chatPageQuerySchema.parse({ show: 'eligible' }) });
    const chats = await pendingItems(everyEligible.id);
    expect(chats.length).toBeGreaterThan(20);
    const [stubborn, slow1, slow2, unsteady] = chats;
    const impatient = new LinqGateway(createLinqClient({ apiKey: SANDBOX_API_KEY, baseUrl: h.sandbox.baseUrl }), { shareMs: 2_000, readRetries: 0 });
    await h.control('POST', '/__sandbox/faults', {
      rules: [
        // One chat Linq keeps failing: it ends failed after three tries, with Linq's code.
        { method: 'POST', path: `/v3/chats/${stubborn}/share_contact_card`, status: 500, code: 3006, times: 3 },
        // Two shares answered too late: they did reach the customer.
        { method: 'POST', path: `/v3/chats/${slow1}/share_contact_card`, delayMs: 4_000, times: 1 },
        { method: 'POST', path: `/v3/chats/${slow2}/share_contact_card`, delayMs: 4_000, times: 1 },
        // A burst of rate limits, then passing 5xx on shares and on the chat reads before them.
        { method: 'POST', path: '/share_contact_card$', status: 429, retryAfterSeconds: 3, times: 2 },
        { method: 'POST', path: '/share_contact_card$', status: 503, times: 4 },
        // (On a chat of its own: on the stubborn one it would spend one of its three tries.)
        { method: 'GET', path: `^/v3/chats/${unsteady}$`, status: 502, times: 2 },
      ],
    });

    const { run, waits } = await drive(everyEligible.id, impatient);
    expect(run).toMatchObject({ status: 'COMPLETED', shared: chats.length - 3, unknown: 2, failed: 1, refused: 0 });
    // The 429s paused the whole run for at least what Linq asked.
    expect(waits.some((ms) => ms >= 2_900)).toBe(true);
    expect(await h.db.shareRunItem.findUniqueOrThrow({ where: { runId_chatId: { runId: run.id, chatId: stubborn! } } })).toMatchObject({
      state: 'FAILED',
      reason: 'linq_3006',
      attempts: 3,
    });
    // Each failed try (the stubborn chat's three, the 503s, the 502s, the 429s) is in History, with its run.
    expect(await h.db.shareEvent.count({ where: { runId: run.id, outcome: 'FAILED' } })).toBe(3 + 4 + 2 + 2);
    await expect.poll(() => sharesOf(slow1!) + sharesOf(slow2!), { timeout: 10_000 }).toBe(2);

    // Chats, not attempts: the report's one failed chat is the one row History opens from it, and
    // the Overview's figure; the retried 429s, 503s and 502s are attempts, each marked "retried".
    const { queryShareEvents } = await import('@/lib/history/shares');
    const { loadOverview } = await import('@/lib/overview/stats');
    const { readRunView } = await import('@/lib/runs/view');
    const report = (await readRunView(run.id, null))!.report;
    expect(report.find((line) => line.section === 'FAILED')).toMatchObject({
      count: 1,
      reasons: [
        { reason: 'linq_3006', label: 'Linq had an unexpected error (3006)', count: 1, docUrl: expect.stringMatching(/^https:\/\/docs\.linqapp\.com\//) },
      ],
    });
    const failedRows = await queryShareEvents({ run: run.id, outcome: 'FAILED', latest: '1', scope: null }, null, 100);
    expect(failedRows.map((row) => row.chatId)).toEqual([stubborn]);
    const retriedRows = (await queryShareEvents({ run: run.id, outcome: 'FAILED', scope: null }, null, 100)).filter((row) => row.chatId !== stubborn);
    expect(retriedRows.length).toBe(4 + 2 + 2);
    // Each is marked with the attempt that followed it: shared, an unknown outcome (the two slow
    // chats), or a failure tried again in its turn (the chat whose reads failed twice).
    for (const row of retriedRows) expect(['SUCCEEDED', 'UNKNOWN', 'FAILED'], row.chatId).toContain(row.supersededBy?.outcome);
    expect((await queryShareEvents({ outcome: 'FAILED', latest: '1', scope: null }, null, 100)).map((row) => row.chatId)).toEqual([stubborn]);
    expect((await loadOverview(null, 24 * 3_600_000)).today.failed).toBe(1);

    // Retry the failed ones: only the stubborn chat, shared this time; offered once.
    const retry = await startRun({ kind: 'retry', fromRunId: run.id });
    expect(await pendingItems(retry.id)).toEqual([stubborn]);
    expect((await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).retriedByRunId).toBe(retry.id);
    const { RunStateError } = await modules();
    await expect(startRun({ kind: 'retry', fromRunId: run.id })).rejects.toBeInstanceOf(RunStateError);
    expect((await drive(retry.id)).run).toMatchObject({ status: 'COMPLETED', shared: 1 });
    // No chat failed any more: the Overview says 0, and History's latest attempts agree.
    expect((await loadOverview(null, 24 * 3_600_000)).today.failed).toBe(0);
    expect(await queryShareEvents({ outcome: 'FAILED', latest: '1', scope: null }, null, 100)).toEqual([]);
    expect((await queryShareEvents({ run: run.id, outcome: 'FAILED', latest: '1', scope: null }, null, 100)).map((row) => row.chatId)).toEqual([stubborn]);

    for (const chatId of chats) expect(sharesOf(chatId), chatId).toBe(1);
    expect(h.sandbox.store.state.shares).toHaveLength(chats.length);
    // A second run now finds every one of them within the cooldown: skipped, nothing sent.
    const again = await startRun({ kind: 'chats', chatIds: chats });
    expect(again).toMatchObject({ status: 'COMPLETED', skipped: chats.length });
    expect(await h.db.shareRunItem.count({ where: { runId: again.id, reason: 'cooldown' } })).toBe(chats.length);
  });

  it('settles a slice that died mid-share: a share that reached Linq is never sent again, the others are', async () => {
    const { reserveShare } = await import('@/lib/shares/reservation');
    const [reached, recorded, claimed] = [await eligibleChat(), await eligibleChat(), await eligibleChat()];
    const run = await startRun({ kind: 'chats', chatIds: [reached, recorded, claimed] });

    // What a killed slice leaves behind: its three chats "sending", each with the id its attempt
    // gives its share event; one event had its reservation and its request reached Linq; one had
    // only its event written; one not even that.
    const attemptOf = (chatId: string) => `se_test_${chatId}`;
    for (const chatId of [reached, recorded, claimed]) {
      await h.db.shareRunItem.update({
        where: { runId_chatId: { runId: run.id, chatId } },
        data: { state: 'SENDING', attempts: 1, attemptEventId: attemptOf(chatId) },
      });
    }
    for (const chatId of [reached, recorded]) {
      const event = await h.db.shareEvent.create({
        data: { id: attemptOf(chatId), chatId, actorId, source: 'BULK', runId: run.id, chatLabel: chatId, participants: [] },
      });
      if (chatId === reached) {
        expect((await reserveShare(chatId, event.id, 24 * 3_600_000)).ok).toBe(true);
        await h.linq.shareContactCard(chatId);
      }
    }

    const { run: done } = await drive(run.id);
    expect(done).toMatchObject({ status: 'COMPLETED', shared: 2, unknown: 1 });
    expect(await h.db.shareRunItem.findUniqueOrThrow({ where: { runId_chatId: { runId: run.id, chatId: reached } } })).toMatchObject({
      state: 'UNKNOWN',
      reason: 'interrupted',
    });
    expect(await h.db.shareEvent.findMany({ where: { runId: run.id }, orderBy: { createdAt: 'asc' }, select: { chatId: true, outcome: true } })).toEqual(
      expect.arrayContaining([
        { chatId: reached, outcome: 'UNKNOWN' },
        // (Never sent: recorded as failed, and superseded by the share that followed.)
        { chatId: recorded, outcome: 'FAILED' },
        { chatId: recorded, outcome: 'SUCCEEDED' },
        { chatId: claimed, outcome: 'SUCCEEDED' },
      ]),
    );
    for (const chatId of [reached, recorded, claimed]) expect(sharesOf(chatId), chatId).toBe(1);
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: attemptOf(recorded) } })).toMatchObject({
      outcome: 'FAILED',
      reason: 'interrupted',
      supersededAt: expect.any(Date),
    });
  });

  it('leaves out chats a run in progress covers, and refuses from the database, without a Linq call, chats shared meanwhile', async () => {
    const { MAX_ACTIVE_RUNS_PER_PERSON, RunStateError, planRun, cooldownCutoff, cancelRun } = await modules();
    const chats: string[] = [];
    for (let i = 0; i < 12; i++) chats.push(await eligibleChat());
    const scope: RunScope = { kind: 'chats', chatIds: chats };
    const first = await startRun(scope);
    expect(first.total - first.skipped).toBe(12);
    // The confirmation says they are covered, and five more runs of the same chats reach none of them.
    expect((await planRun(scope, cooldownCutoff(new Date(), 24 * 3_600_000), null)).skipped).toEqual({ in_other_run: 12 });
    const overlapping = [await startRun(scope), await startRun(scope)];
    for (const run of overlapping) expect(run).toMatchObject({ status: 'COMPLETED', skipped: 12 });
    const calls = h.sandbox.store.requestLog.length;
    for (const run of overlapping) await drive(run.id);
    expect(h.sandbox.store.requestLog.length).toBe(calls);

    // A person has at most a few bulk runs going at once.
    const other = await h.db.user.create({ data: { email: `busy${Date.now()}@example.com`, name: 'Busy Bee', role: 'OPERATOR', passwordHash: 'x' } });
    const { createRun } = await modules();
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_RUNS_PER_PERSON; i++)
      made.push(await createRun({ createdById: other.id, numbers: null, source: 'BULK', scope: { kind: 'chats', chatIds: [await eligibleChat()] } }));
    await expect(createRun({ createdById: other.id, numbers: null, source: 'BULK', scope })).rejects.toBeInstanceOf(RunStateError);
    for (const run of made) await cancelRun(run!.id);

    // A chat shared by hand after the run was made is refused from the database when its turn comes.
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    expect((await shareIntoChat(actorId, chats[0]!)).status).toBe('shared');
    const chatCalls = () => h.sandbox.store.requestLog.filter((r) => r.path.includes(chats[0]!)).length;
    const before = chatCalls();
    const { run: done } = await drive(first.id);
    expect(done).toMatchObject({ status: 'COMPLETED', shared: 11, refused: 1 });
    expect(await h.db.shareRunItem.findUniqueOrThrow({ where: { runId_chatId: { runId: first.id, chatId: chats[0]! } } })).toMatchObject({
      state: 'REFUSED',
      reason: 'cooldown',
    });
    expect(chatCalls()).toBe(before);
    for (const chatId of chats) expect(sharesOf(chatId), chatId).toBe(1);
    // Once it has ended, a new run finds them all within the cooldown: nothing asked of Linq either.
    const after = h.sandbox.store.requestLog.length;
    expect(await startRun(scope)).toMatchObject({ status: 'COMPLETED', skipped: 12 });
    expect(h.sandbox.store.requestLog.length).toBe(after);
  });

  it('keeps at most its concurrency of requests with Linq, however many workers share', async () => {
    const chats = await Promise.all(Array.from({ length: 12 }, () => eligibleChat()));
    // Linq takes 100 ms for every chat read and share: requests of several shares overlap.
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: '^/v3/chats/', delayMs: 100 }] });
    try {
      const run = await startRun({ kind: 'chats', chatIds: chats });
      const { runSlice } = await modules();
      expect((await runSlice(run.id, { linq: h.backgroundLinq, budgetMs: 60_000, concurrency: 2 })).kind).toBe('stopped');
      expect(await h.db.shareRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'COMPLETED', shared: 12 });
    } finally {
      await h.control('DELETE', '/__sandbox/faults');
    }
    // The run's requests, from arrival to answer, as the sandbox saw them: never more than two at once.
    const edges = h.sandbox.store.requestLog
      .filter((r) => chats.some((id) => r.path.includes(id)))
      .flatMap((r) => [
        { at: Date.parse(r.receivedAt), step: 1 },
        { at: Date.parse(r.at), step: -1 },
      ])
      .sort((a, b) => a.at - b.at || a.step - b.step);
    expect(edges.length).toBeGreaterThanOrEqual(12 * 2 * 2);
    let open = 0;
    let most = 0;
    for (const edge of edges) most = Math.max(most, (open += edge.step));
    expect(most).toBe(2);
    for (const chatId of chats) expect(sharesOf(chatId)).toBe(1);
  });
});
