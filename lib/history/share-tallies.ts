import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { csvRow } from '@/lib/csv';
import { db } from '@/lib/db';
import { utcSql } from '@/lib/history/day-range';
import { numberWithin, type NumberScope } from '@/lib/number-scope';

// Shares per 15-minute slot and number, kept by triggers on ShareEvent (the share_tallies
// migration). The Overview's shares per day read a few thousand of these instead of every share
// event of the last 14 days, and they outlive the events SHARE_HISTORY_MONTHS deletes.

const sql = Prisma.sql;
const DAY_MS = 86_400_000;
/** Two instances folding at once would add the same rows twice: one at a time. */
const FOLD_LOCK = 4_242_026_002;
/** Slots older than this are read by no figure by the slot (the Overview reads 14 local days): they roll into their UTC day. */
const SLOTS_KEPT_MS = 17 * DAY_MS;

/** Shares counted by the tallies: succeeded by source, and failed and not settled by a later attempt. */
export interface TalliedShares {
  manual: number;
  bulk: number;
  scheduled: number;
  automatic: number;
  failed: number;
}

export interface SlotShares extends TalliedShares {
  /** The slot's start, UTC, as YYYY-MM-DDTHH:MM. */
  slot: string;
}

/** The tallies' columns summed, as the readers return them. */
const SUMMED = sql`sum("manual")::int AS "manual", sum("bulk")::int AS "bulk", sum("scheduled")::int AS "scheduled",
  sum("automatic")::int AS "automatic", sum("failed")::int AS "failed"`;

/** Shares per 15-minute slot from `since` (a slot boundary) on, of the numbers of the scope. */
export async function readSlotShares(since: Date, scope: NumberScope): Promise<SlotShares[]> {
  return db.$queryRaw<SlotShares[]>`
    SELECT to_char("slot", 'YYYY-MM-DD"T"HH24:MI') AS "slot", ${SUMMED}
      FROM "ShareTally"
     WHERE "slot" >= ${utcSql(since)} AND ${numberWithin(scope, sql`"sendingNumber"`)}
     GROUP BY "slot"`;
}

const COLUMNS = sql`"slot", "sendingNumber", "manual", "bulk", "scheduled", "automatic", "failed", "folded"`;
const SUMS = sql`sum("manual"), sum("bulk"), sum("scheduled"), sum("automatic"), sum("failed"), TRUE`;
const ADD_TO_FOLDED = sql`ON CONFLICT ("slot", "sendingNumber") WHERE "folded" DO UPDATE SET
  "manual" = "ShareTally"."manual" + EXCLUDED."manual", "bulk" = "ShareTally"."bulk" + EXCLUDED."bulk",
  "scheduled" = "ShareTally"."scheduled" + EXCLUDED."scheduled", "automatic" = "ShareTally"."automatic" + EXCLUDED."automatic",
  "failed" = "ShareTally"."failed" + EXCLUDED."failed"`;

/**
 * Folds the rows the triggers appended into one row per slot and number, and rolls slots older than
 * 17 days into their UTC day. Run by the minute tick; one instance at a time (another one's fold
 * returns null). Returns how many folded rows it wrote.
 */
export async function foldShareTallies(now: Date): Promise<number | null> {
  const dayBefore = new Date(Math.floor((now.getTime() - SLOTS_KEPT_MS) / DAY_MS) * DAY_MS);
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS "locked"`;
    if (!lock?.locked) return null;
    // One statement: the rows it deletes are exactly those it adds (rows appended meanwhile wait for the next fold).
    const folded = await tx.$executeRaw`
      WITH moved AS (DELETE FROM "ShareTally" WHERE NOT "folded" RETURNING *)
      INSERT INTO "ShareTally" (${COLUMNS})
      SELECT "slot", "sendingNumber", ${SUMS} FROM moved GROUP BY 1, 2
      ${ADD_TO_FOLDED}`;
    // Late changes to old events land in their slot, and roll into the day here like the rest.
    await tx.$executeRaw`
      WITH old AS (DELETE FROM "ShareTally" WHERE "folded" AND "slot" < ${utcSql(dayBefore)} AND "slot" <> date_trunc('day', "slot") RETURNING *)
      INSERT INTO "ShareTally" (${COLUMNS})
      SELECT date_trunc('day', "slot"), "sendingNumber", ${SUMS} FROM old GROUP BY 1, 2
      ${ADD_TO_FOLDED}`;
    await tx.$executeRaw`
      DELETE FROM "ShareTally" WHERE "folded" AND "manual" = 0 AND "bulk" = 0 AND "scheduled" = 0 AND "automatic" = 0 AND "failed" = 0`;
    return folded;
  });
}

/** Shares of one UTC day and number, kept after the events themselves are deleted. */
export interface DayTotal extends TalliedShares {
  day: string;
  sendingNumber: string | null;
}

/** Every day's totals per number of the scope, oldest first: a few thousand rows a year at most. */
export async function readDayTotals(scope: NumberScope): Promise<DayTotal[]> {
  return db.$queryRaw<DayTotal[]>`
    SELECT to_char(date_trunc('day', "slot"), 'YYYY-MM-DD') AS "day", "sendingNumber", ${SUMMED}
      FROM "ShareTally"
     WHERE ${numberWithin(scope, sql`"sendingNumber"`)}
     GROUP BY 1, 2
    HAVING sum("manual") <> 0 OR sum("bulk") <> 0 OR sum("scheduled") <> 0 OR sum("automatic") <> 0 OR sum("failed") <> 0
     ORDER BY 1, 2 NULLS FIRST`;
}

const DAY_TOTALS_HEADER = ['day_utc', 'number', 'succeeded', 'manual', 'bulk', 'scheduled', 'automatic', 'failed'];

/** The daily totals as CSV (no customer appears). */
export function dayTotalsCsv(totals: DayTotal[]): string {
  return [
    csvRow(DAY_TOTALS_HEADER),
    ...totals.map((t) =>
      csvRow([t.day, t.sendingNumber ?? '', t.manual + t.bulk + t.scheduled + t.automatic, t.manual, t.bulk, t.scheduled, t.automatic, t.failed]),
    ),
  ].join('');
}
