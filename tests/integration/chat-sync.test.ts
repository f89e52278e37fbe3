import { describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// The full sync against the sandbox and the embedded database: what it indexes, how it resumes,
// waits for Linq, confirms chats gone, and survives one chat's failure.

const h = startTestConsole({ sandbox: { chatCount: 250, seed: 7 } });

async function slices() {
  return import('@/lib/chats/sync/slice');
}

/** Runs a new sync in slices until it ends or Linq asks it to wait (budget 0: one step per slice). */
async function syncUntilStopped(budgetMs: number) {
  const { beginSyncRun } = await import('@/lib/chats/sync/runs');
  const { runSyncSlice } = await slices();
  const { run } = await beginSyncRun('MANUAL');
  for (let i = 0; i < 500; i++) {
    const outcome = await runSyncSlice(run.id, { linq: h.backgroundLinq, budgetMs, readConcurrency: 4 });
    if (outcome.kind !== 'continue') return outcome;
  }
  throw new Error('The sync did not end');
}

/** A sync run to its end; fails the test if Linq asked it to wait. */
async function syncToEnd(options: { budgetMs?: number } = {}) {
  const outcome = await syncUntilStopped(options.budgetMs ?? 0);
  if (outcome.kind !== 'finished') throw new Error(`The sync stopped: ${outcome.kind}`);
  return outcome.run;
}

describe('full sync', () => {
  it('indexes every chat, its line and card, and reads messages only where outbound presence is unknown', async () => {
    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'COMPLETED', phase: 'done', chatsSeen: 250, chatsNew: 250, chatsChanged: 0, chatsGone: 0, errors: 0 });
    // 250 chats at 100 a page: 3 pages, each page's cursor carried from the one before.
    expect(
      h
        .requests('/v3/chats', 'GET')
        .filter((r) => r.path === '/v3/chats')
        .map((r) => r.query.cursor ?? null),
    ).toEqual([null, '100', '200']);
    expect(run.messagesRead).toBe(250);
    expect(await h.db.chat.count({ where: { goneAt: null } })).toBe(250);
    // The crawl filled the index: its statistics were refreshed before the messages were read.
    const [stats] = await h.db.$queryRaw<Array<{ analyzed: boolean }>>`
      SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'Chat'`;
    expect(stats?.analyzed).toBe(true);
    const sandboxChats = h.sandbox.store.state.chats;
    const withOutbound = sandboxChats.filter((chat) => h.sandbox.store.messages(chat.id).some((m) => m.is_from_me)).length;
    expect(await h.db.chat.count({ where: { outbound: 'YES', outboundSource: 'MESSAGES' } })).toBe(withOutbound);
    expect(await h.db.chat.count({ where: { outbound: 'NO' } })).toBe(250 - withOutbound);
    const lines = await h.db.sendingLine.findMany({ orderBy: { phoneNumber: 'asc' } });
    expect(lines.map((line) => [line.phoneNumber, line.cardStatus])).toEqual([
      ['+14155550100', 'active'],
      ['+14155550101', 'none'],
      ['+14155550102', 'inactive'],
    ]);

    // Nothing changed at Linq: the second sync lists the chats again and reads no message.
    h.sandbox.store.requestLog = [];
    const second = await syncToEnd({ budgetMs: 60_000 });
    expect(second).toMatchObject({ status: 'COMPLETED', chatsSeen: 250, chatsNew: 0, chatsChanged: 0, messagesRead: 0 });
    expect(h.requests('/messages')).toHaveLength(0);
  });

  it('reads again a chat that shows activity after its "no", and keeps a "yes" whatever it reads', async () => {
    const noChat = await h.db.chat.findFirstOrThrow({ where: { outbound: 'NO', service: 'iMessage', hasLeft: false } });
    await h.control('POST', `/__sandbox/chats/${noChat.id}/outbound-elsewhere`, {});
    const run = await syncToEnd({ budgetMs: 60_000 });
    expect(run).toMatchObject({ status: 'COMPLETED', chatsChanged: 0, messagesRead: 1 });
    expect(await h.db.chat.findUniqueOrThrow({ where: { id: noChat.id } })).toMatchObject({ outbound: 'YES', outboundSource: 'MESSAGES' });
  });

  it('pauses for Linq’s Retry-After on a 429 and resumes from the same page', async () => {
    await h.control('POST', '/__sandbox/faults', {
      rules: [{ method: 'GET', path: '^/v3/chats\\?.*cursor=100', status: 429, retryAfterSeconds: 1, times: 1 }],
    });
    const paused = await syncUntilStopped(60_000);
    if (paused.kind !== 'paused') throw new Error('expected a pause');
    expect(paused.until.getTime() - Date.now()).toBeGreaterThan(0);
    expect(paused.until.getTime() - Date.now()).toBeLessThanOrEqual(1_000);
    expect(paused.run).toMatchObject({ status: 'RUNNING', phase: 'crawl', cursor: '100', pages: 1 });

    const { runSyncSlice } = await slices();
    // Too early: the run waits as Linq asked, without calling it.
    const before = h.sandbox.store.requestLog.length;
    expect((await runSyncSlice(paused.run.id, { linq: h.backgroundLinq, budgetMs: 60_000, readConcurrency: 4 })).kind).toBe('paused');
    expect(h.sandbox.store.requestLog.length).toBe(before);

    // Once the pause is over (the slice's clock, moved past it): on from the same page.
    const afterPause = () => new Date(paused.until.getTime() + 50);
    const done = await runSyncSlice(paused.run.id, { linq: h.backgroundLinq, budgetMs: 60_000, readConcurrency: 4, now: afterPause });
    expect(done.run).toMatchObject({ status: 'COMPLETED', chatsSeen: 250, pausedUntil: null });
  });

  it('marks a chat gone only once Linq confirms it (404), and keeps it for history', async () => {
    const [deleted, skipped] = await h.db.chat.findMany({ where: { goneAt: null }, take: 2, orderBy: { id: 'asc' } });
    await h.control('DELETE', `/__sandbox/chats/${deleted!.id}`);
    // Another chat the listing skips (its order moved while it was read) but Linq still has by id.
    const list = h.sandbox.store.chats.bind(h.sandbox.store);
    h.sandbox.store.chats = (filter) => list(filter).filter((chat) => chat.id !== skipped!.id);
    try {
      const run = await syncToEnd({ budgetMs: 60_000 });
      expect(run).toMatchObject({ status: 'COMPLETED', chatsSeen: 248, chatsGone: 1 });
    } finally {
      h.sandbox.store.chats = list;
    }
    expect(h.requests(`/v3/chats/${skipped!.id}`, 'GET').filter((r) => r.path === `/v3/chats/${skipped!.id}`)).toHaveLength(1);
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: deleted!.id } })).goneAt).not.toBeNull();
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: skipped!.id } })).goneAt).toBeNull();
  });

  it('moves past a chat whose messages cannot be read, and tries it again on the next run', async () => {
    const target = await h.db.chat.findFirstOrThrow({ where: { goneAt: null, outbound: 'NO' } });
    await h.db.chat.update({ where: { id: target.id }, data: { outbound: 'UNKNOWN' } });
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: `^/v3/chats/${target.id}/messages`, status: 500, times: 1 }] });
    const run = await syncToEnd({ budgetMs: 60_000 });
    expect(run).toMatchObject({ status: 'COMPLETED', errors: 1, messagesRead: 0 });
    expect(run.lastError).toMatch(/Linq/);
    expect(await h.db.chat.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ outbound: 'UNKNOWN' });

    const next = await syncToEnd({ budgetMs: 60_000 });
    expect(next).toMatchObject({ status: 'COMPLETED', errors: 0, messagesRead: 1 });
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: target.id } })).outbound).toBe('NO');
  });

  it('reads messages batch after batch from where the last ended, and reads again chats whose activity moved above it', async () => {
    // Every chat still there unknown (more than 200: two batches of reads).
    const { count: total } = await h.db.chat.updateMany({ where: { goneAt: null }, data: { outbound: 'UNKNOWN', outboundSource: null } });
    expect(total).toBeGreaterThan(200);
    const { beginSyncRun } = await import('@/lib/chats/sync/runs');
    const { runSyncSlice } = await slices();
    const { run } = await beginSyncRun('MANUAL');
    const step = () => runSyncSlice(run.id, { linq: h.backgroundLinq, budgetMs: 0, readConcurrency: 4 });
    let outcome = await step();
    while (outcome.run.messagesRead === 0) outcome = await step();
    // The first batch: the 200 most recently active, the cursor at the last of them.
    expect(outcome.run.messagesRead).toBe(200);
    const read = await h.db.chat.findMany({ where: { goneAt: null, outbound: { not: 'UNKNOWN' } }, orderBy: [{ activityAt: 'desc' }, { id: 'desc' }] });
    expect(read).toHaveLength(200);
    expect(outcome.run.cursor).toBe(`${read.at(-1)!.activityAt.toISOString()}|${read.at(-1)!.id}`);
    // Meanwhile a chat already read turns unknown again: it lies above the cursor.
    await h.db.chat.update({ where: { id: read[0]!.id }, data: { outbound: 'UNKNOWN', outboundSource: null } });
    h.sandbox.store.requestLog = [];
    while (outcome.kind === 'continue') outcome = await step();
    expect(outcome.run).toMatchObject({ status: 'COMPLETED', messagesRead: total + 1 });
    // The rest below the cursor, then that one: each chat's messages read once.
    const reads = h.requests('/messages').map((r) => r.path);
    expect(reads).toHaveLength(total - 200 + 1);
    expect(new Set(reads).size).toBe(total - 200 + 1);
    expect(await h.db.chat.count({ where: { goneAt: null, outbound: 'UNKNOWN' } })).toBe(0);
  });

  it('ends as failed, with the reason, when Linq refuses the API key', async () => {
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: '^/v3/phone_numbers', status: 401, times: 1 }] });
    const run = await syncToEnd({ budgetMs: 60_000 });
    expect(run).toMatchObject({ status: 'FAILED' });
    expect(run.lastError).toMatch(/API key/i);
  });

  it('lets one sync run at a time, whoever asks', async () => {
    const { beginSyncRun } = await import('@/lib/chats/sync/runs');
    const [a, b] = await Promise.all([beginSyncRun('MANUAL'), beginSyncRun('SCHEDULE')]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(a.run.id).toBe(b.run.id);
    expect(await h.db.chatSyncRun.count({ where: { status: 'RUNNING' } })).toBe(1);
  });
});
