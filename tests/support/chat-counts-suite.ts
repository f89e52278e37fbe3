import { expect, it } from 'vitest';
import type { NumberScope } from '@/lib/number-scope';
import { SeededRandom } from '@/lib/sandbox/random';
import { chatPageQuerySchema, type ChatPageQuery } from '@/lib/validations/chats';
import type { ConsoleHarness } from './console-harness';

// The chat counts' promise on either database (run by chat-counts.test.ts and
// chat-counts-postgres.test.ts): whatever happens to the chats and their shares, in any order, folded
// or not, the counts from the cells equal a pass over every chat, for every filter and scope.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LINES = ['+14155550100', '+14155550101', '+14155550102', '+14155550103'];
const CARDS = { '+14155550100': 'active', '+14155550101': 'none', '+14155550102': 'inactive' } as const;

export function chatCountsSuite(h: ConsoleHarness) {
  let made = 0;
  /**
   * The suite's clock: it only moves forward, as the folds' roll-ups assume. The first test starts it
   * two weeks back and leaves it at the real time, which the index writers (they refuse times in the
   * future) need.
   */
  let now = new Date(Date.now() - 15 * DAY);
  const random = new SeededRandom(2026);
  /** Around the instants the figures cut at: the cooldown's start and a week ago, on either side. */
  const sharedAt = (now: Date, cooldownMs: number) =>
    new Date(
      now.getTime() -
        random.pick([
          cooldownMs + random.int(-90, 90) * 60_000,
          7 * DAY + random.int(-90, 90) * 60_000,
          random.int(1, 600) * 60_000,
          random.int(8, 40) * DAY,
          cooldownMs + random.int(1, 48) * HOUR,
        ]),
    );

  async function addChats(count: number, now: Date, cooldownMs: number, prefix: string) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      made += 1;
      const id = `${prefix}-${made}`;
      ids.push(id);
      // Some chats were shared before the index knew them (the insert trigger picks that up).
      if (random.chance(0.1)) await h.db.chatShareState.create({ data: { chatId: id, lastSucceededAt: sharedAt(now, cooldownMs) } });
    }
    await h.db.chat.createMany({
      data: ids.map((id) => ({
        id,
        sendingNumber: random.chance(0.05) ? null : random.pick(LINES),
        service: random.pick(['iMessage', 'iMessage', 'SMS', 'RCS', null]),
        isGroup: random.chance(0.2),
        health: random.pick(['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT', null]),
        hasLeft: random.chance(0.1),
        participants: ['+13125550000'],
        outbound: random.pick(['YES', 'NO', 'UNKNOWN'] as const),
        activityAt: now,
        goneAt: random.chance(0.05) ? now : null,
      })),
    });
    return ids;
  }

  /** One random change to the chats or their shares, as the console's writers make them. */
  async function change(ids: string[], now: Date, cooldownMs: number) {
    const some = Array.from({ length: random.int(1, 5) }, () => random.pick(ids));
    switch (random.int(0, 7)) {
      case 0:
        return h.db.chat.updateMany({ where: { id: { in: some } }, data: { health: random.pick(['HEALTHY', 'OPTED_OUT', null]) } });
      case 1:
        return h.db.chat.updateMany({
          where: { id: { in: some } },
          data: { outbound: random.pick(['YES', 'NO', 'UNKNOWN'] as const), service: random.pick(['iMessage', 'SMS', null]) },
        });
      case 2:
        return h.db.chat.updateMany({ where: { id: { in: some } }, data: { goneAt: random.chance(0.5) ? now : null, hasLeft: random.chance(0.3) } });
      case 3:
        return h.db.chat.updateMany({ where: { id: { in: some } }, data: { sendingNumber: random.pick([...LINES, null]), isGroup: random.chance(0.5) } });
      case 4:
        // A change no count reads: it writes no delta (checked in its own test).
        return h.db.chat.updateMany({ where: { id: { in: some } }, data: { activityAt: now } });
      case 5:
        for (const chatId of some) {
          const lastSucceededAt = random.chance(0.2) ? null : sharedAt(now, cooldownMs);
          await h.db.chatShareState.upsert({ where: { chatId }, create: { chatId, lastSucceededAt }, update: { lastSucceededAt } });
        }
        return;
      case 6:
        return h.db.chatShareState.deleteMany({ where: { chatId: { in: some } } });
      default:
        return h.db.chat.deleteMany({ where: { id: some[0] } });
    }
  }

  const queries: Array<Partial<Record<keyof ChatPageQuery, string>>> = [
    {},
    { show: 'eligible' },
    { show: 'ineligible', reason: 'cooldown' },
    { show: 'checking' },
    { shared: 'recent' },
    { shared: 'earlier', service: 'iMessage' },
    { shared: 'never', from: LINES[0]! },
    { reason: 'no_card', group: 'group' },
    { health: 'OPTED_OUT', show: 'ineligible' },
    { reason: 'left', from: LINES[3]! },
  ];
  const scopes: NumberScope[] = [null, [LINES[0]!, LINES[2]!], [LINES[3]!]];

  /**
   * Every figure from the cells against the same figure from every chat. `fromCells`: whether the
   * cells can answer (they cannot for a cutoff in hours already rolled together).
   */
  async function expectCountsAgree(now: Date, cooldownMs: number, fromCells = true) {
    const { countChatIndex, countMatching } = await import('@/lib/chats/index-counts');
    const { countIndexedChats, countedChats } = await import('@/lib/chats/count-cells');
    const cutoffs: [Date, Date] = [new Date(now.getTime() - cooldownMs), new Date(now.getTime() - 7 * DAY)];
    expect((await countedChats(cutoffs)) !== null).toBe(fromCells);
    const { loadOverview } = await import('@/lib/overview/stats');
    for (const scope of scopes) {
      for (const raw of queries) {
        const query = chatPageQuerySchema.parse(raw);
        const counted = await countChatIndex(query, scope, cooldownMs, LINES, now);
        expect(counted, JSON.stringify({ raw, scope })).toEqual(await countChatIndex(query, scope, cooldownMs, LINES, now, true));
        expect(await countMatching(query, scope, cooldownMs, now)).toBe(await countMatching(query, scope, cooldownMs, now, true));
      }
      const where = { goneAt: null, ...(scope && { sendingNumber: { in: [...scope] } }) };
      expect(await countIndexedChats(scope)).toEqual({
        indexed: await h.db.chat.count({ where }),
        unknownOutbound: await h.db.chat.count({ where: { ...where, outbound: 'UNKNOWN' } }),
      });
      const { numbers } = await loadOverview(scope, cooldownMs, 'UTC', now);
      for (const number of numbers) {
        const line = { goneAt: null, sendingNumber: number.phoneNumber };
        const byLine = await countChatIndex(chatPageQuerySchema.parse({ from: number.phoneNumber }), scope, cooldownMs, LINES, now, true);
        expect(number).toMatchObject({
          chats: await h.db.chat.count({ where: line }),
          eligibleNow: byLine.state.eligible,
          imessageWithOutbound: await h.db.chat.count({ where: { ...line, service: 'iMessage', outbound: 'YES' } }),
          sharedEver: byLine.shared.recent + byLine.shared.earlier,
          sharedLastWeek: await h.db.chat.count({ where: { ...line, lastSharedAt: { gte: new Date(now.getTime() - 7 * DAY) } } }),
        });
      }
    }
  }

  it('sets up lines with and without cards', async () => {
    for (const [phoneNumber, cardStatus] of Object.entries(CARDS)) await h.db.sendingLine.create({ data: { phoneNumber, cardStatus } });
  });

  it('agrees with a pass over every chat after random changes, folds and hours rolled together, as time passes', async () => {
    const { foldChatCounts } = await import('@/lib/chats/count-cells');
    const cooldownMs = DAY;
    const ids = await addChats(300, now, cooldownMs, 'counted');
    await expectCountsAgree(now, cooldownMs);
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++) await change(ids, now, cooldownMs);
      ids.push(...(await addChats(20, now, cooldownMs, 'counted')));
      // Sometimes the deltas wait for the next fold: the readers add them.
      if (round % 2 === 0) expect(await foldChatCounts(now, cooldownMs)).toMatchObject({ rebuilt: false });
      await expectCountsAgree(now, cooldownMs);
      now = new Date(now.getTime() + random.int(1, 30) * HOUR);
    }
    // Hours no figure reads are rolled into one cell.
    await foldChatCounts(now, cooldownMs);
    const { rollUpBefore } = await import('@/lib/chats/count-cells');
    const [rolled] = await h.db.$queryRaw<Array<{ old: number }>>`
      SELECT count(*)::int AS "old" FROM "ChatCountCell"
       WHERE "sharedHour" < ${rollUpBefore(now, cooldownMs).toISOString()}::timestamptz AT TIME ZONE 'UTC' AND "sharedHour" <> '-infinity'::timestamp`;
    expect(rolled?.old).toBe(0);
    await expectCountsAgree(now, cooldownMs);

    // The cooldown grows past the hours rolled together: those figures count every chat until the
    // next fold counts the cells again, and then agree from the cells.
    const longer = 10 * DAY;
    await expectCountsAgree(now, longer, false);
    expect(await foldChatCounts(now, longer)).toEqual({ folded: 0, rebuilt: true });
    await expectCountsAgree(now, longer);
    // The later tests go on from the real time: their figures read the cells too.
    now = new Date();
    await foldChatCounts(now, DAY);
  });

  it('agrees after the index writers: a listing, message reads, a webhook message and chats gone', async () => {
    const { upsertChats, recordOutboundReads, recordOutboundMessage, markChatsGone } = await import('@/lib/chats/index-store');
    const listed = (i: number, changed: boolean) => ({
      id: `listed-${i}`,
      displayName: null,
      service: changed ? random.pick(['iMessage', 'SMS', null]) : 'iMessage',
      isGroup: false,
      health: changed ? random.pick(['HEALTHY', 'OPTED_OUT', null] as const) : 'HEALTHY',
      handles: [
        { handle: random.pick(LINES), service: null, isMe: true, status: changed && random.chance(0.3) ? 'left' : 'active' },
        { handle: `+1312555${String(i).padStart(4, '0')}`, service: null, isMe: false, status: 'active' },
      ],
      createdAt: now.toISOString(),
      updatedAt: new Date(now.getTime() + (changed ? 1_000 : 0)).toISOString(),
    });
    const ids = Array.from({ length: 40 }, (_, i) => `listed-${i}`);
    // Shared before the listing made them known, one in four.
    for (const chatId of ids.filter((_, i) => i % 4 === 0)) await h.db.chatShareState.create({ data: { chatId, lastSucceededAt: sharedAt(now, DAY) } });
    await upsertChats(
      ids.map((_, i) => listed(i, false)),
      now,
    );
    await expectCountsAgree(now, DAY);
    await upsertChats(
      ids.map((_, i) => listed(i, true)),
      now,
    );
    const at = now.toISOString();
    await recordOutboundReads(
      ids.slice(0, 20).map((chatId, i) => ({ chatId, facts: { hasOutbound: i % 2 === 0, lastOutboundAt: i % 2 === 0 ? at : null, lastInboundAt: at } })),
      now,
    );
    await recordOutboundMessage(ids[30]!, now, now);
    await markChatsGone(ids.slice(35), now);
    await expectCountsAgree(now, DAY);
  });

  it('writes no delta for a change no count reads', async () => {
    const ids = await addChats(5, new Date(), DAY, 'quiet');
    const before = await h.db.chatCountDelta.count();
    await h.db.chat.updateMany({ where: { id: { in: ids } }, data: { activityAt: new Date(), displayName: 'Renamed', lastListedAt: new Date() } });
    await h.db.chatShareState.upsert({
      where: { chatId: ids[0]! },
      create: { chatId: ids[0]!, reservedAt: new Date(), reservedBy: 'e' },
      update: { reservedAt: new Date() },
    });
    expect(await h.db.chatCountDelta.count()).toBe(before);
  });

  it('stays exact when writers and folds run at once', async () => {
    const { foldChatCounts } = await import('@/lib/chats/count-cells');
    const ids = await addChats(100, now, DAY, 'racing');
    const writers = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 25; i++) await change(ids, now, DAY);
    });
    const folds = (async () => {
      for (let i = 0; i < 10; i++) await foldChatCounts(now, DAY);
    })();
    await Promise.all([...writers, folds]);
    await expectCountsAgree(now, DAY);
    await foldChatCounts(now, DAY);
    expect(await h.db.chatCountDelta.count()).toBe(0);
    await expectCountsAgree(now, DAY);
  });
}
