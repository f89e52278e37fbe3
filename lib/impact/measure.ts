import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { compare, type Comparison, type Stratum } from '@/lib/impact/stats';
import { numberWithin, type NumberScope } from '@/lib/number-scope';

// Impact: of the chats shared in a period, how many customers wrote back within 1, 3 and 7 days,
// against comparable chats, from the conversation timeline (ChatTurn) and the share events alone.
//
// A shared chat counts once, at its first successful share in the period. A comparable chat is one
// of the same number where the business wrote (its first message of a day in the period, in an
// iMessage one-to-one chat) and no share reached it from a day before until 7 days after: it could
// have received the card at that moment and did not. Both sides are split by the state of the
// conversation (whether the customer had written before the moment), and comparable chats are
// weighted to the shared chats' mix (stats.ts). A window counts only once fully elapsed.

export const HORIZONS = [1, 3, 7] as const;
export type Horizon = (typeof HORIZONS)[number];
export const SOURCES = ['MANUAL', 'BULK', 'SCHEDULED', 'AUTOMATIC'] as const;
export type Source = (typeof SOURCES)[number];

export interface ImpactQuery {
  since: Date;
  until: Date;
  /** One number, or all. */
  number?: string;
  /** The numbers the person may see (null: every number): no other number is measured. */
  scope: NumberScope;
  now?: Date;
}

/** One line of the measurement: moments of one kind, number, source, week and state. */
interface Cell {
  kind: 'treated' | 'control';
  number: string;
  source: Source | null;
  /** Monday of the moment's week (UTC), YYYY-MM-DD. */
  week: string;
  repliedBefore: boolean;
  n1: number;
  r1: number;
  n3: number;
  r3: number;
  n7: number;
  r7: number;
}

async function measure(query: ImpactQuery): Promise<Cell[]> {
  const now = query.now ?? new Date();
  const number = Prisma.sql`${query.number ? Prisma.sql`AND e."sendingNumber" = ${query.number}` : Prisma.empty} AND ${numberWithin(query.scope, Prisma.sql`e."sendingNumber"`)}`;
  const chatNumber = Prisma.sql`${query.number ? Prisma.sql`AND c."sendingNumber" = ${query.number}` : Prisma.empty} AND ${numberWithin(query.scope, Prisma.sql`c."sendingNumber"`)}`;
  const within = (days: number) => Prisma.sql`(o."at" + ${`${days} days`}::interval <= ${now}::timestamp)`;
  const answered = (days: number) => Prisma.sql`(o."firstReply" <= o."at" + ${`${days} days`}::interval)`;
  return db.$queryRaw<Cell[]>`
    WITH shared AS (
      SELECT DISTINCT ON (e."chatId") e."chatId", e."sendingNumber" AS "number", e."source"::text AS "source", e."createdAt" AS "at"
        FROM "ShareEvent" e
       WHERE e."outcome" = 'SUCCEEDED' AND e."sendingNumber" IS NOT NULL
         AND e."createdAt" >= ${query.since}::timestamp AND e."createdAt" < ${query.until}::timestamp ${number}
       ORDER BY e."chatId", e."createdAt"
    ), moments AS (
      SELECT DISTINCT ON (t."chatId", date_trunc('day', t."at")) t."chatId", c."sendingNumber" AS "number", t."at"
        FROM "ChatTurn" t JOIN "Chat" c ON c."id" = t."chatId"
       WHERE t."fromUs" AND t."at" >= ${query.since}::timestamp AND t."at" < ${query.until}::timestamp
         AND c."service" = 'iMessage' AND NOT c."isGroup" AND c."sendingNumber" IS NOT NULL ${chatNumber}
       ORDER BY t."chatId", date_trunc('day', t."at"), t."at"
    ), observed AS (
      SELECT 'treated' AS "kind", "number", "source", "chatId", "at" FROM shared
      UNION ALL
      SELECT 'control', m."number", NULL, m."chatId", m."at" FROM moments m
       WHERE NOT EXISTS (SELECT 1 FROM "ShareEvent" e
                          WHERE e."chatId" = m."chatId" AND e."outcome" IN ('SUCCEEDED', 'UNKNOWN')
                            AND e."createdAt" > m."at" - interval '1 day' AND e."createdAt" <= m."at" + interval '7 days')
    ), o AS (
      SELECT x.*,
             EXISTS (SELECT 1 FROM "ChatTurn" i WHERE i."chatId" = x."chatId" AND NOT i."fromUs" AND i."at" < x."at") AS "repliedBefore",
             (SELECT min(i."at") FROM "ChatTurn" i
               WHERE i."chatId" = x."chatId" AND NOT i."fromUs" AND i."at" > x."at" AND i."at" <= x."at" + interval '7 days') AS "firstReply"
        FROM observed x
    )
    SELECT o."kind", o."number", o."source", to_char(date_trunc('week', o."at"), 'YYYY-MM-DD') AS "week", o."repliedBefore",
           count(*) FILTER (WHERE ${within(1)})::int AS "n1", count(*) FILTER (WHERE ${within(1)} AND ${answered(1)})::int AS "r1",
           count(*) FILTER (WHERE ${within(3)})::int AS "n3", count(*) FILTER (WHERE ${within(3)} AND ${answered(3)})::int AS "r3",
           count(*) FILTER (WHERE ${within(7)})::int AS "n7", count(*) FILTER (WHERE ${within(7)} AND ${answered(7)})::int AS "r7"
      FROM o
     GROUP BY 1, 2, 3, 4, 5`;
}

const counts = (cells: Cell[], horizon: Horizon) => ({
  n: cells.reduce((sum, cell) => sum + cell[`n${horizon}`], 0),
  replied: cells.reduce((sum, cell) => sum + cell[`r${horizon}`], 0),
});

/** Compares the shared cells with the control cells (of the same number), state by state. */
function comparisonOf(treated: Cell[], control: Cell[], horizon: Horizon): Comparison {
  const strata: Stratum[] = [true, false].map((repliedBefore) => ({
    treated: counts(
      treated.filter((cell) => cell.repliedBefore === repliedBefore),
      horizon,
    ),
    control: counts(
      control.filter((cell) => cell.repliedBefore === repliedBefore),
      horizon,
    ),
  }));
  return compare(strata);
}

export interface SourceImpact {
  /** null: every source together. */
  source: Source | null;
  byHorizon: Record<Horizon, Comparison>;
}

export interface WeekImpact {
  week: string;
  /** After the card (every source) and comparable chats, within `horizon` days. */
  shared: Comparison['shared'];
  comparable: Comparison['comparable'];
}

export interface NumberImpact {
  number: string;
  /** Every source together first, then each source with shares. */
  sources: SourceImpact[];
  /** Week by week, within the chart's horizon. */
  weeks: WeekImpact[];
}

/** Impact per number: by source and horizon over the period, and week by week for the chart. */
export async function readImpact(query: ImpactQuery, chartHorizon: Horizon = 3): Promise<NumberImpact[]> {
  const cells = await measure(query);
  const numbers = [...new Set(cells.filter((cell) => cell.kind === 'treated').map((cell) => cell.number))].sort();
  return numbers.map((number) => {
    const treated = cells.filter((cell) => cell.kind === 'treated' && cell.number === number);
    const control = cells.filter((cell) => cell.kind === 'control' && cell.number === number);
    const sourceImpact = (source: Source | null): SourceImpact => {
      const mine = source ? treated.filter((cell) => cell.source === source) : treated;
      return { source, byHorizon: Object.fromEntries(HORIZONS.map((h) => [h, comparisonOf(mine, control, h)])) as Record<Horizon, Comparison> };
    };
    const weeks = [...new Set([...treated, ...control].map((cell) => cell.week))].sort().map((week) => {
      const { shared, comparable } = comparisonOf(
        treated.filter((cell) => cell.week === week),
        control.filter((cell) => cell.week === week),
        chartHorizon,
      );
      return { week, shared, comparable };
    });
    return {
      number,
      sources: [sourceImpact(null), ...SOURCES.filter((source) => treated.some((cell) => cell.source === source)).map(sourceImpact)],
      weeks,
    };
  });
}
