import 'server-only';
import { loadCardRows } from '@/lib/cards/rows';
import type { CardStatus } from '@/lib/cards/status';
import { db } from '@/lib/db';
import { readLinq, type LinqGateway } from '@/lib/linq';
import type { StaffFacingError } from '@/lib/linq/error-messages';

export interface ShareCounts {
  succeeded: number;
  failed: number;
}

export interface NumberSummary {
  phoneNumber: string;
  cardStatus: CardStatus;
  /** Chats the console has seen on this number. */
  knownChats: number;
  /** Of those, the ones that can receive the card now (0 without an active card). */
  eligibleNow: number;
}

export interface Overview {
  today: ShareCounts;
  lastSevenDays: ShareCounts;
  perDay: Array<{ day: string } & ShareCounts>;
  numbers: NumberSummary[] | null;
  cards: { active: number; missing: number; inactive: number } | null;
  linqError: StaffFacingError | null;
}

const DAY = 86_400_000;
const utcMidnight = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** Counts from the database, per number from what the console has seen; Linq only for the cards. */
export async function loadOverview(linq: LinqGateway, cooldownMs: number, now = new Date()): Promise<Overview> {
  const today = utcMidnight(now);
  const since = new Date(today.getTime() - 13 * DAY);
  const weekStart = new Date(today.getTime() - 6 * DAY);

  const [days, eligibility, cardRows] = await Promise.all([
    db.$queryRaw<Array<{ day: string; succeeded: number; failed: number }>>`
      SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE "outcome" = 'SUCCEEDED')::int AS succeeded,
             count(*) FILTER (WHERE "outcome" = 'FAILED')::int AS failed
        FROM "ShareEvent"
       WHERE "createdAt" >= (${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       GROUP BY 1`,
    db.$queryRaw<Array<{ sendingNumber: string; known: number; eligible: number }>>`
      SELECT k."sendingNumber", count(*)::int AS known,
             count(*) FILTER (
               WHERE k."service" = 'iMessage' AND k."hasOutbound" IS TRUE AND NOT k."hasLeft"
                 AND k."health" IS DISTINCT FROM 'OPTED_OUT'
                 AND (s."lastSucceededAt" IS NULL
                      OR s."lastSucceededAt" <= (now() AT TIME ZONE 'UTC') - ${cooldownMs}::double precision * interval '1 millisecond')
             )::int AS eligible
        FROM "KnownChat" k LEFT JOIN "ChatShareState" s ON s."chatId" = k."chatId"
       WHERE k."sendingNumber" IS NOT NULL
       GROUP BY 1`,
    readLinq(() => loadCardRows(linq)),
  ]);

  const byDay = new Map(days.map((d) => [d.day, d]));
  const perDay = Array.from({ length: 14 }, (_, i) => {
    const day = new Date(since.getTime() + i * DAY).toISOString().slice(0, 10);
    return { day, succeeded: byDay.get(day)?.succeeded ?? 0, failed: byDay.get(day)?.failed ?? 0 };
  });
  const sum = (from: Date) =>
    perDay.filter((d) => d.day >= from.toISOString().slice(0, 10)).reduce((acc, d) => ({ succeeded: acc.succeeded + d.succeeded, failed: acc.failed + d.failed }), { succeeded: 0, failed: 0 });

  if (!cardRows.ok) {
    return { today: sum(today), lastSevenDays: sum(weekStart), perDay, numbers: null, cards: null, linqError: cardRows.error };
  }
  const known = new Map(eligibility.map((row) => [row.sendingNumber, row]));
  const numbers = cardRows.value.map(({ phoneNumber, status }): NumberSummary => {
    const row = known.get(phoneNumber);
    return { phoneNumber, cardStatus: status, knownChats: row?.known ?? 0, eligibleNow: status === 'active' ? (row?.eligible ?? 0) : 0 };
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
    linqError: null,
  };
}
