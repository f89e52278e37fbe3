import { expect, it } from 'vitest';
import type { SessionCheck } from '@/lib/live/stream';
import type { Role } from '@/lib/roles';
import type { ConsoleHarness } from '../support/console-harness';
import { collectSse } from '../support/sse-reader';

// What the live stream (lib/live) must do on either database: the triggers announce each change
// once, the stream tells each role only what it may read, resumes from Last-Event-ID, and closes
// when the session ends. Run by live-stream.test.ts (embedded) and live-stream-postgres.test.ts.

export async function openStream(options: { role?: Role; numbers?: string[] | null; lastEventId?: number | null; recheck?: () => Promise<SessionCheck> } = {}) {
  const { openLiveStream } = await import('@/lib/live/stream');
  const { narrowToNumbers } = await import('@/lib/live/narrow');
  const abort = new AbortController();
  const numbers = options.numbers ?? null;
  const body = openLiveStream({
    role: options.role ?? 'VIEWER',
    numbers,
    narrow: narrowToNumbers,
    lastEventId: options.lastEventId ?? null,
    recheck: options.recheck ?? (async () => ({ role: options.role ?? 'VIEWER', numbers })),
    signal: abort.signal,
  });
  const stream = collectSse(body);
  await stream.waitFor((event) => event.event === 'hello');
  return { ...stream, close: () => abort.abort() };
}

const changes = (events: { event: string; data: string; id?: string }[]) =>
  events
    .filter((event) => event.event === 'change')
    .map((event) => ({ seq: Number(event.id), ...(JSON.parse(event.data) as { topic: string; ids: string[] }) }));

let chatNumber = 0;
async function addChat(h: ConsoleHarness, sendingNumber?: string): Promise<string> {
  chatNumber += 1;
  const id = `live-chat-${chatNumber}-${Date.now()}`;
  await h.db.chat.create({ data: { id, sendingNumber, participants: ['+15550000000'], activityAt: new Date() } });
  return id;
}

export function liveStreamSuite(h: ConsoleHarness) {
  it('announces a changed chat to a viewer, once, with its id', async () => {
    const stream = await openStream();
    const id = await addChat(h);
    await stream.waitFor((event) => event.event === 'change' && event.data.includes(id));
    await h.db.chat.update({ where: { id }, data: { outbound: 'YES' } });
    await expect.poll(() => changes(stream.events).filter((change) => change.ids.includes(id)).length).toBe(2);
    stream.close();
  });

  it('tells a viewer nothing of deliveries, background jobs or staff, which an admin hears', async () => {
    const viewer = await openStream({ role: 'VIEWER' });
    const admin = await openStream({ role: 'ADMIN' });
    const job = await h.db.jobRun.create({ data: { queue: 'console.tick', jobId: `job-${Date.now()}`, instance: 'test' } });
    await h.db.user.create({ data: { email: `live-${Date.now()}@example.test`, name: 'Live', passwordHash: 'x' } });
    const chat = await addChat(h);
    await admin.waitFor((event) => event.event === 'change' && event.data.includes(job.id));
    await admin.waitFor((event) => event.event === 'change' && event.data.includes('"staff"'));
    // The chat came after both: once the viewer has it, anything it was going to hear, it heard.
    await viewer.waitFor((event) => event.event === 'change' && event.data.includes(chat));
    expect(changes(viewer.events).map((change) => change.topic)).not.toContain('jobs');
    expect(changes(viewer.events).map((change) => change.topic)).not.toContain('staff');
    viewer.close();
    admin.close();
  });

  it('replays what a browser missed while its instance restarted (Last-Event-ID), in order, and asks for a full read when it cannot', async () => {
    const first = await openStream();
    const before = await addChat(h);
    const seen = await first.waitFor((event) => event.event === 'change' && event.data.includes(before));
    first.close();
    // The instance restarts meanwhile: its listener is gone, and comes back with the next stream.
    const { stopLiveHub } = await import('@/lib/live/hub');
    await stopLiveHub();
    const missed = [await addChat(h), await addChat(h), await addChat(h)];

    const resumed = await openStream({ lastEventId: Number(seen.id) });
    for (const id of missed) await resumed.waitFor((event) => event.event === 'change' && event.data.includes(id));
    const replayed = changes(resumed.events);
    expect(replayed.map((change) => change.ids[0])).toEqual(missed);
    expect(replayed.map((change) => change.seq)).toEqual([...replayed.map((change) => change.seq)].sort((a, b) => a - b));
    expect(resumed.events.some((event) => event.event === 'resync')).toBe(false);
    resumed.close();

    // Events pruned since (or never kept): the page is told to read everything again.
    await h.db.liveEvent.deleteMany({ where: { seq: { lte: BigInt(seen.id!) + 1n } } });
    const stale = await openStream({ lastEventId: Number(seen.id) - 1 });
    await stale.waitFor((event) => event.event === 'resync');
    stale.close();
  });

  it('tells the page of a new role, and why the session ended before closing, at once when a staff account changes', async () => {
    let current: SessionCheck = { role: 'OPERATOR', numbers: null };
    const stream = await openStream({ role: 'OPERATOR', recheck: async () => current });
    current = { role: 'VIEWER', numbers: null };
    await h.db.user.create({ data: { email: `live-role-${Date.now()}@example.test`, name: 'Someone', passwordHash: 'x' } });
    await stream.waitFor((event) => event.event === 'role' && JSON.parse(event.data).role === 'VIEWER');
    // New numbers are news too: the page renders again with what the person may see now.
    current = { role: 'VIEWER', numbers: ['+14155550100'] };
    await h.db.user.create({ data: { email: `live-numbers-${Date.now()}@example.test`, name: 'Someone', passwordHash: 'x' } });
    await stream.waitFor((event) => event.event === 'role' && stream.events.filter((e) => e.event === 'role').length === 2);
    current = { ended: 'disabled' };
    await h.db.user.create({ data: { email: `live-end-${Date.now()}@example.test`, name: 'Someone', passwordHash: 'x' } });
    await stream.done;
    expect(stream.isEnded()).toBe(true);
    expect(stream.events.filter((event) => event.event === 'ended').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'disabled' }]);
  });

  it('tells a person limited to some numbers only of their chats, lines and runs, never another number’s id', async () => {
    const mine = '+14155550100';
    const other = '+14155550199';
    const stream = await openStream({ numbers: [mine] });
    const everyone = await openStream();
    const theirs = await addChat(h, other);
    const ours = await addChat(h, mine);
    await h.db.sendingLine.upsert({ where: { phoneNumber: other }, create: { phoneNumber: other }, update: { cardStatus: 'none' } });
    await h.db.sendingLine.upsert({ where: { phoneNumber: mine }, create: { phoneNumber: mine }, update: { cardStatus: 'none' } });
    await stream.waitFor((event) => event.event === 'change' && event.data.includes(mine) && event.data.includes('cards'));
    await everyone.waitFor((event) => event.event === 'change' && event.data.includes(mine) && event.data.includes('cards'));
    const heard = changes(stream.events).flatMap((change) => change.ids);
    expect(heard).toContain(ours);
    expect(heard).not.toContain(theirs);
    expect(heard).not.toContain(other);
    // Everyone else hears both.
    expect(changes(everyone.events).flatMap((change) => change.ids)).toEqual(expect.arrayContaining([ours, theirs, other, mine]));
    stream.close();
    everyone.close();
  });

  it('delivers a burst of 1 000 changes to every stream, each once and in order', async () => {
    const streams = await Promise.all([openStream(), openStream(), openStream()]);
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i++) ids.push(await addChat(h));
    for (const stream of streams) {
      await stream.waitFor((event) => event.event === 'change' && event.data.includes(ids.at(-1)!), 30_000);
      const heard = changes(stream.events)
        .filter((change) => change.topic === 'chats')
        .flatMap((change) => change.ids)
        .filter((id) => ids.includes(id));
      expect(heard).toEqual(ids);
      stream.close();
    }
  });
}
