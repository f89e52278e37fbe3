import { beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// Impact on a seeded timeline whose answer is worked out by hand: how many customers wrote back
// within 1, 3 and 7 days of the card, against comparable chats of the same number, state by state
// of the conversation, counting only windows that have fully elapsed.

const h = startTestConsole();
const LINE = '+14155550100';
const OTHER = '+14155550101';
const D = new Date('2026-10-05T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(D.getTime() + ms);

let sequence = 0;
/** A chat whose business wrote at D (shared 2 minutes later, or not), and whose customer replied after `replyAfter` (ms) or never. */
async function chat(options: { shared?: 'AUTOMATIC' | 'MANUAL'; replyAfter?: number; repliedBefore?: boolean; line?: string; service?: string }) {
  sequence += 1;
  const id = `impact-${sequence}`;
  const line = options.line ?? LINE;
  await h.db.chat.create({
    data: {
      id,
      sendingNumber: line,
      service: options.service ?? 'iMessage',
      participants: [`+1646555${String(sequence).padStart(4, '0')}`],
      outbound: 'YES',
      activityAt: D,
    },
  });
  const turns = [{ chatId: id, at: D, fromUs: true }];
  if (options.repliedBefore) turns.push({ chatId: id, at: new Date(D.getTime() - 2 * DAY), fromUs: false });
  if (options.replyAfter !== undefined) turns.push({ chatId: id, at: later(options.replyAfter), fromUs: false });
  await h.db.chatTurn.createMany({ data: turns });
  if (options.shared) {
    await h.db.shareEvent.create({
      data: {
        chatId: id,
        chatLabel: id,
        sendingNumber: line,
        participants: [],
        actorId,
        source: options.shared,
        outcome: 'SUCCEEDED',
        createdAt: later(2 * 60_000),
      },
    });
  }
}

let actorId = '';
const many = async (count: number, options: Parameters<typeof chat>[0]) => {
  for (let i = 0; i < count; i++) await chat(options);
};

beforeAll(async () => {
  actorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  // Shared automatically, the customer had not written before: 30 reply within a day, 4 more within 3, 2 more within 7, 4 never.
  await many(30, { shared: 'AUTOMATIC', replyAfter: 5 * HOUR });
  await many(4, { shared: 'AUTOMATIC', replyAfter: 2 * DAY });
  await many(2, { shared: 'AUTOMATIC', replyAfter: 5 * DAY });
  await many(4, { shared: 'AUTOMATIC' });
  // Shared by hand, the customer had written before: 5 of 10 reply within a day.
  await many(5, { shared: 'MANUAL', repliedBefore: true, replyAfter: HOUR });
  await many(5, { shared: 'MANUAL', repliedBefore: true });
  // Comparable chats: not written before, 20 of 100 within a day, 30 within 3, 40 within 7.
  await many(20, { replyAfter: 3 * HOUR });
  await many(10, { replyAfter: 2 * DAY });
  await many(10, { replyAfter: 6 * DAY });
  await many(60, {});
  // Comparable chats where the customer had written before: 8 of 10 within a day.
  await many(8, { repliedBefore: true, replyAfter: 2 * HOUR });
  await many(2, { repliedBefore: true });
  // Not comparable: SMS, or another number.
  await many(5, { service: 'SMS', replyAfter: HOUR });
  await many(3, { line: OTHER, replyAfter: HOUR });
});

describe('impact', () => {
  const query = { since: new Date(D.getTime() - DAY), until: new Date(D.getTime() + DAY), now: new Date(D.getTime() + 10 * DAY), scope: null };

  it('compares reply rates after the card with comparable chats, weighted to the same states of the conversation', async () => {
    const { readImpact } = await import('@/lib/impact/measure');
    const [impact, ...others] = await readImpact(query);
    expect(others).toEqual([]);
    expect(impact!.number).toBe(LINE);
    expect(impact!.sources.map((s) => s.source)).toEqual([null, 'MANUAL', 'AUTOMATIC']);

    const all = impact!.sources[0]!.byHorizon;
    // 35 of 50 shared chats within a day; comparable: 20/100 and 8/10 by state, weighted 40:10 → 0.2·0.8 + 0.8·0.2 = 0.32.
    expect(all[1].shared).toMatchObject({ n: 50, replied: 35, rate: 0.7 });
    expect(all[1].comparable).toMatchObject({ n: 110, replied: 28 });
    expect(all[1].comparable.rate).toBeCloseTo(0.32, 10);
    expect(all[1].difference!.value).toBeCloseTo(0.38, 10);
    expect(all[1].difference!.low).toBeGreaterThan(0);
    // Within 3 and 7 days.
    expect(all[3].shared).toMatchObject({ n: 50, replied: 39 });
    expect(all[3].comparable.rate).toBeCloseTo(0.8 * 0.3 + 0.2 * 0.8, 10);
    expect(all[7].shared).toMatchObject({ n: 50, replied: 41 });
    expect(all[7].comparable.rate).toBeCloseTo(0.8 * 0.4 + 0.2 * 0.8, 10);

    // Automatic alone: every one in the "not written before" state, so the comparable rate is that state's.
    const automatic = impact!.sources[2]!.byHorizon;
    expect(automatic[1].shared).toMatchObject({ n: 40, replied: 30, rate: 0.75 });
    expect(automatic[1].comparable.rate).toBeCloseTo(0.2, 10);
    expect(automatic[7].shared.replied).toBe(36);
    // Manual alone: every one had written before.
    expect(impact!.sources[1]!.byHorizon[1].comparable.rate).toBeCloseTo(0.8, 10);
    expect(impact!.sources[1]!.byHorizon[1].shared.rate).toBeCloseTo(0.5, 10);

    expect(impact!.weeks).toHaveLength(1);
    expect(impact!.weeks[0]!.shared).toMatchObject({ n: 50, replied: 39 });
  });

  it('counts a window only once it has fully elapsed', async () => {
    const { readImpact } = await import('@/lib/impact/measure');
    const [impact] = await readImpact({ ...query, now: new Date(D.getTime() + 2 * DAY) });
    const all = impact!.sources[0]!.byHorizon;
    expect(all[1].shared.n).toBe(50);
    expect(all[3].shared.n).toBe(0);
    expect(all[3].difference).toBeNull();
  });

  it('writes the figures as CSV, one line per number, source and window', async () => {
    const { readImpact } = await import('@/lib/impact/measure');
    const { impactCsv } = await import('@/lib/impact/export');
    const csv = impactCsv(await readImpact(query));
    const lines = csv
      .trim()
      .split('\r\n')
      .map((line) => line.replaceAll('"', ''));
    expect(lines[0]).toBe(
      'number,source,within_days,shared_chats,shared_replied,shared_rate,shared_low,shared_high,comparable_chats,comparable_replied,comparable_rate,comparable_low,comparable_high,difference,difference_low,difference_high,unmatched',
    );
    expect(lines).toHaveLength(1 + 3 * 3);
    expect(lines[1]).toMatch(/^\+14155550100,all,1,50,35,0\.7000,0\.\d{4},0\.\d{4},110,28,0\.3200,/);
  });
});
