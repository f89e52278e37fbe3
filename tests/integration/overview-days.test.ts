import { describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// The Overview's days are the viewer's: a share is counted on the day it happened where they are.

const h = startTestConsole();

describe('the Overview counts shares on the viewer’s days', () => {
  it('gives each share to its local day in Auckland, New York and Kathmandu (a 45-minute offset), and to the UTC day by default', async () => {
    const actor = await h.db.user.create({ data: { email: 'days@example.test', name: 'Days', role: 'OPERATOR', passwordHash: 'x' } });
    const share = (at: string) =>
      h.db.shareEvent.create({
        data: { chatId: `chat-${at}`, chatLabel: 'c', participants: [], actorId: actor.id, outcome: 'SUCCEEDED', createdAt: new Date(at) },
      });
    // 2026-12-01 10:00 UTC is 23:00 in Auckland (NZDT, +13), 05:00 in New York, 15:45 in Kathmandu.
    const now = new Date('2026-12-01T10:00:00Z');
    await share('2026-12-01T09:30:00Z'); // Auckland 22:30 on the 1st; New York 04:30 on the 1st; Kathmandu 15:15 on the 1st
    await share('2026-11-30T11:30:00Z'); // Auckland 00:30 on the 1st; New York 06:30 on the 30th; Kathmandu 17:15 on the 30th
    await share('2026-11-30T18:20:00Z'); // Auckland 07:20 on the 1st; Kathmandu 00:05 on the 1st
    await share('2026-11-30T18:10:00Z'); // Kathmandu 23:55 on the 30th

    const { loadOverview } = await import('@/lib/overview/stats');
    const day = async (zone?: string) => {
      const overview = await loadOverview(null, 86_400_000, zone, now);
      return {
        today: overview.days.today,
        shared: overview.today.succeeded,
        perDay: overview.perDay.filter((d) => d.succeeded > 0).map((d) => [d.day, d.succeeded]),
      };
    };
    expect(await day('Pacific/Auckland')).toEqual({ today: '2026-12-01', shared: 4, perDay: [['2026-12-01', 4]] });
    expect(await day('America/New_York')).toEqual({
      today: '2026-12-01',
      shared: 1,
      perDay: [
        ['2026-11-30', 3],
        ['2026-12-01', 1],
      ],
    });
    expect(await day('Asia/Kathmandu')).toEqual({
      today: '2026-12-01',
      shared: 2,
      perDay: [
        ['2026-11-30', 2],
        ['2026-12-01', 2],
      ],
    });
    expect(await day()).toEqual({
      today: '2026-12-01',
      shared: 1,
      perDay: [
        ['2026-11-30', 3],
        ['2026-12-01', 1],
      ],
    });
  });
});
