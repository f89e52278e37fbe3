import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { countSource, countWhere } from '@/lib/chats/index-counts';
import { and, baseConditions, stateCondition } from '@/lib/chats/index-filters';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { syncHistory } from '@/lib/chats/sync/runs';
import { db } from '@/lib/db';
import { utcSql } from '@/lib/history/day-range';
import { readSlotShares, type TalliedShares } from '@/lib/history/share-tallies';
import type { CardStatus } from '@/lib/lines/card-status';
import { listLines } from '@/lib/lines/store';
import type { NumberScope } from '@/lib/number-scope';
import { localDate, shiftDate, zonedInstant } from '@/lib/time-zone';

export interface ShareCounts {
  succeeded: number;
  failed: number;
}

/** A day's shares: succeeded by source, and failed. */
export interface DayShares extends ShareCounts, TalliedShares {
  day: string;
}

export interface NumberSummary {
  phoneNumber: string;
  cardStatus: CardStatus;
  /** ACTIVE | FLAGGED from Linq's webhooks; null until Linq sends one. */
  lineStatus: string | null;
  /** The number's chats in the index. */
  chats: number;
  /** Of those, the ones that can receive the card now. */
  eligibleNow: number;
  /** The funnel: iMessage chats with a message from the business… */
  imessageWithOutbound: number;
  /** …shared at least once… */
  sharedEver: number;
  /** …and shared in the last 7 days. */
  sharedLastWeek: number;
}

export interface Overview {
  today: ShareCounts;
  lastSevenDays: ShareCounts;
  perDay: DayShares[];
  numbers: NumberSummary[];
  cards: { active: number; missing: number; inactive: number };
  /** When the last full sync of the chat index ended (null: none yet). */
  lastSyncAt: string | null;
  /** The days (YYYY-MM-DD, in `timeZone`, the viewer's) the figures start from: today, and six days before it. */
  days: { today: string; weekStart: string; timeZone: string };
}

const DAY = 86_400_000;

/**
 * The calendar day of each 15-minute slot in a zone (every zone's offset is a multiple of 15
 * minutes, so a slot never straddles two local days): one formatter for all the slots.
 */
function dayOfSlot(timeZone: string): (slotUtc: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (slotUtc) => format.format(new Date(`${slotUtc}Z`));
}

/**
 * Everything from the database: shares from their tallies (lib/history/share-tallies.ts), chats and cards from the chat index. No Linq
 * call. Days are the viewer's (`timeZone`): shares are counted in 15-minute slots, each given to
 * the local day it falls in. Everything is about the numbers of the scope (a person limited to some).
 */
export async function loadOverview(scope: NumberScope, cooldownMs: number, timeZone = 'UTC', now = new Date()): Promise<Overview> {
  const today = localDate(now, timeZone);
  const firstDay = shiftDate(today, -13);
  const weekStart = shiftDate(today, -6);
  const since = zonedInstant(firstDay, '00:00', timeZone);
  const cutoff = cooldownCutoff(now, cooldownMs);
  const eligible = stateCondition('eligible', cutoff);
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const { from, weight } = await countSource({}, [cutoff, weekAgo]);

  const [days, perNumber, lines, { lastFinished }] = await Promise.all([
    readSlotShares(since, scope),
    db.$queryRaw<Array<{ sendingNumber: string; chats: number; eligible: number; imessageWithOutbound: number; sharedEver: number; sharedLastWeek: number }>>`
      SELECT c."sendingNumber", ${countWhere(weight, Prisma.sql`TRUE`)} AS chats, ${countWhere(weight, eligible)} AS eligible,
             ${countWhere(weight, Prisma.sql`c."service" = 'iMessage' AND c."outbound" = 'YES'`)} AS "imessageWithOutbound",
             ${countWhere(weight, Prisma.sql`s."lastSucceededAt" IS NOT NULL`)} AS "sharedEver",
             ${countWhere(weight, Prisma.sql`s."lastSucceededAt" >= ${utcSql(weekAgo)}`)} AS "sharedLastWeek"
        FROM ${from}
       WHERE ${and([...baseConditions({}, scope), Prisma.sql`c."sendingNumber" IS NOT NULL`])}
       GROUP BY 1`,
    listLines(scope),
    syncHistory(),
  ]);

  const byDay = new Map<string, TalliedShares>();
  const dayOf = dayOfSlot(timeZone);
  for (const { slot, ...counts } of days) {
    const day = dayOf(slot);
    const sum = byDay.get(day) ?? { manual: 0, bulk: 0, scheduled: 0, automatic: 0, failed: 0 };
    byDay.set(day, {
      manual: sum.manual + counts.manual,
      bulk: sum.bulk + counts.bulk,
      scheduled: sum.scheduled + counts.scheduled,
      automatic: sum.automatic + counts.automatic,
      failed: sum.failed + counts.failed,
    });
  }
  const perDay = Array.from({ length: 14 }, (_, i) => {
    const day = shiftDate(firstDay, i);
    const { manual = 0, bulk = 0, scheduled = 0, automatic = 0, failed = 0 } = byDay.get(day) ?? {};
    return { day, manual, bulk, scheduled, automatic, succeeded: manual + bulk + scheduled + automatic, failed };
  });
  const sum = (from: string) =>
    perDay
      .filter((d) => d.day >= from)
      .reduce((acc, d) => ({ succeeded: acc.succeeded + d.succeeded, failed: acc.failed + d.failed }), { succeeded: 0, failed: 0 });

  const counted = new Map(perNumber.map((row) => [row.sendingNumber, row]));
  const numbers = lines.map(({ phoneNumber, cardStatus, status }): NumberSummary => {
    // A number without an indexed chat has no row: zero everywhere.
    const { chats = 0, eligible = 0, imessageWithOutbound = 0, sharedEver = 0, sharedLastWeek = 0 } = counted.get(phoneNumber) ?? {};
    return { phoneNumber, cardStatus, lineStatus: status, chats, eligibleNow: eligible, imessageWithOutbound, sharedEver, sharedLastWeek };
  });
  return {
    today: sum(today),
    lastSevenDays: sum(weekStart),
    perDay,
    numbers,
    cards: {
      active: numbers.filter((n) => n.cardStatus === 'active').length,
      inactive: numbers.filter((n) => n.cardStatus === 'inactive').length,
      missing: numbers.filter((n) => n.cardStatus === 'none').length,
    },
    lastSyncAt: lastFinished?.finishedAt?.toISOString() ?? null,
    days: { today, weekStart, timeZone },
  };
}
