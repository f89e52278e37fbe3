import { expect, it } from 'vitest';
import type { ShareOutcome, ShareSource } from '@/generated/prisma/client';
import type { NumberScope } from '@/lib/number-scope';
import { SeededRandom } from '@/lib/sandbox/random';
import { localDate } from '@/lib/time-zone';
import type { ConsoleHarness } from './console-harness';

// The share tallies' promise on either database (share-tallies.test.ts and
// share-tallies-postgres.test.ts): whatever happens to share events, folded or not, the tallies
// equal a count of the events, slot by slot and day by day, and the Overview's days equal the
// events' own. Then SHARE_HISTORY_MONTHS: old events go, and nothing else does.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LINES = ['+14155550100', '+14155550101', '+14155550102'];
const SOURCES: ShareSource[] = ['MANUAL', 'BULK', 'SCHEDULED', 'AUTOMATIC'];
const OUTCOMES: ShareOutcome[] = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED', 'UNKNOWN'];
const SCOPES: NumberScope[] = [null, [LINES[0]!, LINES[2]!], []];
const ZONES = ['UTC', 'Pacific/Auckland', 'America/New_York', 'Asia/Kathmandu'];

export function shareTalliesSuite(h: ConsoleHarness) {
  const now = new Date();
  const random = new SeededRandom(26);
  let actorId = '';

  const eventData = (ageMs: number) => ({
    chatId: `chat-${random.int(1, 60)}`,
    chatLabel: 'A chat',
    participants: ['+16465550100'],
    sendingNumber: random.pick([...LINES, null]),
    actorId,
    source: random.pick(SOURCES),
    outcome: random.pick(OUTCOMES),
    supersededAt: random.int(1, 4) === 1 ? now : null,
    createdAt: new Date(now.getTime() - ageMs),
  });

  async function someEventIds(count: number): Promise<string[]> {
    const rows = await h.db.shareEvent.findMany({ select: { id: true } });
    return Array.from({ length: count }, () => random.pick(rows).id);
  }

  /** One random write, as the console's writers make them: alone, in a batch, or a change of what counts. */
  async function change(): Promise<void> {
    const kind = random.int(1, 6);
    if (kind === 1) await h.db.shareEvent.create({ data: eventData(random.int(0, 40 * 24 * 60) * MINUTE) });
    else if (kind === 2)
      await h.db.shareEvent.createMany({ data: Array.from({ length: random.int(2, 12) }, () => eventData(random.int(0, 3 * 24 * 60) * MINUTE)) });
    else if (kind === 3) await h.db.shareEvent.updateMany({ where: { id: { in: await someEventIds(5) } }, data: { outcome: random.pick(OUTCOMES) } });
    else if (kind === 4) await h.db.shareEvent.updateMany({ where: { id: { in: await someEventIds(3) } }, data: { supersededAt: random.pick([now, null]) } });
    else if (kind === 5) await h.db.shareEvent.updateMany({ where: { id: { in: await someEventIds(4) } }, data: { source: random.pick(SOURCES) } });
    else await h.db.shareEvent.updateMany({ where: { id: { in: await someEventIds(6) } }, data: { latencyMs: random.int(50, 900) } });
  }

  const counted = `sum(("outcome" = 'SUCCEEDED' AND "source" = 'MANUAL')::int)::int AS "manual",
      sum(("outcome" = 'SUCCEEDED' AND "source" = 'BULK')::int)::int AS "bulk",
      sum(("outcome" = 'SUCCEEDED' AND "source" = 'SCHEDULED')::int)::int AS "scheduled",
      sum(("outcome" = 'SUCCEEDED' AND "source" = 'AUTOMATIC')::int)::int AS "automatic",
      sum(("outcome" = 'FAILED' AND "supersededAt" IS NULL)::int)::int AS "failed"`;
  const summed = `sum("manual")::int AS "manual", sum("bulk")::int AS "bulk", sum("scheduled")::int AS "scheduled",
      sum("automatic")::int AS "automatic", sum("failed")::int AS "failed"`;
  const nonZero = `HAVING sum("manual") <> 0 OR sum("bulk") <> 0 OR sum("scheduled") <> 0 OR sum("automatic") <> 0 OR sum("failed") <> 0`;

  /** Totals per UTC day and number: from the tallies, and from the events themselves. */
  async function dayTotals() {
    const fromTallies = await h.db.$queryRawUnsafe(`
      SELECT to_char(date_trunc('day', "slot"), 'YYYY-MM-DD') AS "day", COALESCE("sendingNumber", '-') AS "number", ${summed}
        FROM "ShareTally" GROUP BY 1, 2 ${nonZero} ORDER BY 1, 2`);
    const fromEvents = await h.db.$queryRawUnsafe(`
      SELECT "day", "number", ${summed} FROM (
        SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS "day", COALESCE("sendingNumber", '-') AS "number", ${counted}
          FROM "ShareEvent" GROUP BY 1, 2) e
       GROUP BY 1, 2 ${nonZero} ORDER BY 1, 2`);
    return { fromTallies, fromEvents };
  }

  async function expectTalliesAgree(): Promise<void> {
    const { readSlotShares } = await import('@/lib/history/share-tallies');
    const { loadOverview } = await import('@/lib/overview/stats');
    const { fromTallies, fromEvents } = await dayTotals();
    expect(fromTallies).toEqual(fromEvents);
    const since = new Date(Math.floor((now.getTime() - 16 * DAY) / (15 * MINUTE)) * 15 * MINUTE);
    const events = await h.db.shareEvent.findMany({ where: { createdAt: { gte: since } } });
    for (const scope of SCOPES) {
      const mine = events.filter((e) => scope === null || (e.sendingNumber !== null && scope.includes(e.sendingNumber)));
      // Slot by slot, as the Overview reads them.
      const slots = new Map<string, number>();
      for (const e of mine) {
        if (e.outcome !== 'SUCCEEDED' && !(e.outcome === 'FAILED' && e.supersededAt === null)) continue;
        const slot = new Date(Math.floor(e.createdAt.getTime() / (15 * MINUTE)) * 15 * MINUTE).toISOString().slice(0, 16);
        slots.set(slot, (slots.get(slot) ?? 0) + 1);
      }
      const read = await readSlotShares(since, scope);
      const readTotals = new Map(read.map((r) => [r.slot, r.manual + r.bulk + r.scheduled + r.automatic + r.failed]));
      for (const [slot, total] of readTotals) if (total === 0) readTotals.delete(slot);
      expect(readTotals).toEqual(slots);
      // Day by day in each zone, as the Overview shows them.
      for (const zone of ZONES) {
        const overview = await loadOverview(scope, DAY, zone, now);
        const firstDay = overview.perDay[0]!.day;
        const expected = new Map<string, { succeeded: number; failed: number; automatic: number }>();
        for (const e of mine) {
          const day = localDate(e.createdAt, zone);
          if (day < firstDay) continue;
          const sum = expected.get(day) ?? { succeeded: 0, failed: 0, automatic: 0 };
          if (e.outcome === 'SUCCEEDED') sum.succeeded += 1;
          if (e.outcome === 'SUCCEEDED' && e.source === 'AUTOMATIC') sum.automatic += 1;
          if (e.outcome === 'FAILED' && e.supersededAt === null) sum.failed += 1;
          expected.set(day, sum);
        }
        for (const d of overview.perDay) {
          expect({ day: d.day, succeeded: d.succeeded, failed: d.failed, automatic: d.automatic }).toEqual({
            day: d.day,
            ...(expected.get(d.day) ?? { succeeded: 0, failed: 0, automatic: 0 }),
          });
        }
      }
    }
  }

  it('equal a count of the share events after random writes, folded or not', async () => {
    const { foldShareTallies } = await import('@/lib/history/share-tallies');
    actorId = (await h.db.user.create({ data: { email: 'tallies@example.test', name: 'Tally', role: 'OPERATOR', passwordHash: 'x' } })).id;
    await h.db.shareEvent.createMany({ data: Array.from({ length: 200 }, () => eventData(random.int(0, 40 * 24 * 60) * MINUTE)) });
    await expectTalliesAgree();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 30; i++) await change();
      if (round % 2 === 1) expect(await foldShareTallies(now)).not.toBeNull();
      await expectTalliesAgree();
    }
    await foldShareTallies(now);
    expect(await h.db.shareTally.count({ where: { folded: false } })).toBe(0);
    // Slots older than 17 days are kept by the day.
    const rolled = await h.db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS "n" FROM "ShareTally" WHERE "slot" < ${new Date(now.getTime() - 18 * DAY)}::timestamp AND "slot" <> date_trunc('day', "slot")`;
    expect(rolled[0]!.n).toBe(0);
    await expectTalliesAgree();
  });

  it('append nothing for a change no figure reads', async () => {
    const before = await h.db.shareTally.count();
    const pending = await h.db.shareEvent.create({ data: { ...eventData(MINUTE), outcome: 'PENDING', supersededAt: null } });
    await h.db.shareEvent.update({ where: { id: pending.id }, data: { latencyMs: 321, traceId: 'trace' } });
    expect(await h.db.shareTally.count()).toBe(before);
    await h.db.shareEvent.update({ where: { id: pending.id }, data: { outcome: 'SUCCEEDED' } });
    expect(await h.db.shareTally.count()).toBe(before + 1);
  });

  it('stay exact when writers and folds run at once', async () => {
    const { foldShareTallies } = await import('@/lib/history/share-tallies');
    const writers = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 20; i++) await change();
    });
    const folds = (async () => {
      for (let i = 0; i < 8; i++) await foldShareTallies(now);
    })();
    await Promise.all([...writers, folds]);
    await expectTalliesAgree();
    await foldShareTallies(now);
    expect(await h.db.shareTally.count({ where: { folded: false } })).toBe(0);
    await expectTalliesAgree();
  });

  it('SHARE_HISTORY_MONTHS deletes the older share events and nothing else; the figures stay', async () => {
    const { pruneShareEvents } = await import('@/lib/history/retention');
    const { foldShareTallies } = await import('@/lib/history/share-tallies');
    const { loadOverview } = await import('@/lib/overview/stats');
    const { readImpact } = await import('@/lib/impact/measure');
    const { monthsBefore } = await import('@/lib/time-zone');
    // Events up to 9 months old, and one of each other kind of record.
    await h.db.shareEvent.createMany({ data: Array.from({ length: 120 }, () => eventData(random.int(0, 270) * DAY + random.int(0, 1439) * MINUTE)) });
    await h.db.chat.create({
      data: {
        id: 'kept-chat',
        sendingNumber: LINES[0],
        service: 'iMessage',
        participants: ['+16465550100'],
        outbound: 'YES',
        activityAt: new Date(now.getTime() - 200 * DAY),
      },
    });
    await h.db.chatTurn.create({ data: { chatId: 'kept-chat', at: new Date(now.getTime() - 200 * DAY), fromUs: true } });
    await h.db.chatShareState.create({ data: { chatId: 'kept-chat', lastSucceededAt: new Date(now.getTime() - 200 * DAY) } });
    const run = await h.db.shareRun.create({
      data: { source: 'BULK', status: 'COMPLETED', createdById: actorId, selection: {}, total: 1, shared: 1, createdAt: new Date(now.getTime() - 200 * DAY) },
    });
    const oldEvent = await h.db.shareEvent.findFirstOrThrow({ where: { createdAt: { lt: monthsBefore(now, 4) } }, orderBy: { createdAt: 'asc' } });
    await h.db.shareRunItem.create({ data: { runId: run.id, chatId: 'kept-chat', state: 'SHARED', eventId: oldEvent.id } });
    await h.db.settingsChange.create({ data: { kind: 'WEBHOOK_CONNECTED', actorId, createdAt: new Date(now.getTime() - 200 * DAY) } });
    await foldShareTallies(now);

    const rowsOfEveryTable = async () => {
      const tables = await h.db.$queryRaw<Array<{ name: string }>>`
        SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`;
      const counts: Record<string, number> = {};
      for (const { name } of tables) {
        const [row] = await h.db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS "n" FROM "${name}"`);
        counts[name] = row!.n;
      }
      return counts;
    };
    const keptFrom = monthsBefore(now, 4);
    const kept = (await h.db.shareEvent.findMany({ where: { createdAt: { gte: keptFrom } }, select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id);
    const older = await h.db.shareEvent.count({ where: { createdAt: { lt: keptFrom } } });
    expect(older).toBeGreaterThan(20);
    const before = await rowsOfEveryTable();
    const totalsBefore = (await dayTotals()).fromTallies;
    const impactQuery = { since: new Date(now.getTime() - 13 * 7 * DAY), until: now, now, scope: null };
    const impactBefore = await readImpact(impactQuery);
    const overviewsBefore = await Promise.all(ZONES.map((zone) => loadOverview(null, DAY, zone, now)));

    expect(await pruneShareEvents(now, undefined)).toBe(0);
    expect(await h.db.shareEvent.count()).toBe(before.ShareEvent);
    expect(await pruneShareEvents(now, 4)).toBe(older);
    expect(await pruneShareEvents(now, 4)).toBe(0);

    const after = await rowsOfEveryTable();
    expect(after).toEqual({ ...before, ShareEvent: before.ShareEvent! - older });
    expect((await h.db.shareEvent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id)).toEqual(kept);
    // The daily totals of the deleted days stay, and every figure that reads shares is unchanged.
    expect((await dayTotals()).fromTallies).toEqual(totalsBefore);
    expect(await readImpact(impactQuery)).toEqual(impactBefore);
    expect(await Promise.all(ZONES.map((zone) => loadOverview(null, DAY, zone, now)))).toEqual(overviewsBefore);
  });
}
