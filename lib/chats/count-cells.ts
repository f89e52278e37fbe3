import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { utcSql as timestamp } from '@/lib/history/day-range';
import { numberWithin, type NumberScope } from '@/lib/number-scope';

// Counts of the chat index from its cells (the chat_counts migration): chats grouped by the facts the
// filters read and by the hour of their last share, kept exact by triggers. A count then reads a few
// thousand cells, not every chat, and answers the same as a pass over every chat would.

const sql = Prisma.sql;
const HOUR_MS = 3_600_000;
/** Any two instances folding at once would add the same deltas twice: one at a time. */
const FOLD_LOCK = 4_242_026_001;
/** The Overview's "shared in the last week" reads this far back; a cutoff is never further. */
const LONGEST_LOOK_BACK_MS = 7 * 24 * HOUR_MS;

const KEY = sql`"sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup"`;

export function hourOf(time: Date): Date {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The chat index as its counted facts, for a count that compares the last share with `cutoffs`:
 * a FROM clause with the aliases of FROM_CHATS (c, l, s) and c."n", the number of chats of each row.
 * Each row stands for chats that every filter treats alike: cells of whole hours (an hour after a
 * cutoff is all after it), and the chats of an hour a cutoff falls in one by one, with their own
 * time. Null when the cells cannot say (a cutoff in hours already rolled together): count every chat.
 */
export async function countedChats(cutoffs: [Date, ...Date[]]): Promise<Prisma.Sql | null> {
  const hours = [...new Set(cutoffs.map((cutoff) => hourOf(cutoff).getTime()))].map((ms) => new Date(ms));
  const earliest = new Date(Math.min(...hours.map((hour) => hour.getTime())));
  const [state] = await db.$queryRaw<Array<{ rolled: boolean }>>`
    SELECT "rolledBefore" > ${timestamp(earliest)} AS "rolled" FROM "ChatCountState" WHERE "id" = 1`;
  if (!state || state.rolled) return null;

  const notCutHour = sql`("sharedHour" IS NULL OR "sharedHour" NOT IN (${Prisma.join(hours.map(timestamp))}))`;
  const inCutHour = Prisma.join(
    hours.map((hour) => sql`("lastSharedAt" >= ${timestamp(hour)} AND "lastSharedAt" < ${timestamp(new Date(hour.getTime() + HOUR_MS))})`),
    ' OR ',
  );
  return sql`(
    SELECT ${KEY}, NULL::timestamp AS "goneAt", "sharedAt", sum("n")::bigint AS "n"
      FROM (SELECT ${KEY}, "sharedHour" AS "sharedAt", "n" FROM "ChatCountCell" WHERE ${notCutHour}
            UNION ALL
            SELECT ${KEY}, "sharedHour", "n" FROM "ChatCountDelta" WHERE ${notCutHour}
            UNION ALL
            SELECT ${KEY}, "lastSharedAt", 1 FROM "Chat" WHERE "goneAt" IS NULL AND "lastSharedAt" IS NOT NULL AND (${inCutHour})) counted
     GROUP BY ${KEY}, "sharedAt"
    HAVING sum("n") <> 0) c
    LEFT JOIN "SendingLine" l ON l."phoneNumber" = c."sendingNumber"
    CROSS JOIN LATERAL (SELECT c."sharedAt" AS "lastSucceededAt") s`;
}

/** The live chats of the scope, and those whose messages have not been read yet, from the cells. */
export async function countIndexedChats(scope: NumberScope): Promise<{ indexed: number; unknownOutbound: number }> {
  const [row] = await db.$queryRaw<Array<{ indexed: number; unknownOutbound: number }>>`
    SELECT COALESCE(sum("n"), 0)::int AS "indexed", COALESCE(sum("n") FILTER (WHERE "outbound" = 'UNKNOWN'), 0)::int AS "unknownOutbound"
      FROM (SELECT "sendingNumber", "outbound", "n" FROM "ChatCountCell" UNION ALL SELECT "sendingNumber", "outbound", "n" FROM "ChatCountDelta") counted
     WHERE ${numberWithin(scope, sql`"sendingNumber"`)}`;
  return row ?? { indexed: 0, unknownOutbound: 0 };
}

/** Hours before this are read by no figure: their cells roll into one. */
export function rollUpBefore(now: Date, cooldownMs: number): Date {
  return new Date(hourOf(new Date(now.getTime() - Math.max(cooldownMs, LONGEST_LOOK_BACK_MS))).getTime() - HOUR_MS);
}

const CELL_COLUMNS = sql`"sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour", "n"`;
const ADD_TO_CELL = sql`ON CONFLICT ("sendingNumber", "service", "outbound", "hasLeft", "health", "isGroup", "sharedHour") DO UPDATE SET "n" = "ChatCountCell"."n" + EXCLUDED."n"`;

export interface FoldOutcome {
  folded: number;
  rebuilt: boolean;
}

/**
 * Moves the deltas into the cells, and rolls the hours no figure reads any more into one. Run by the
 * minute tick; one instance at a time (another one's fold returns null). When the cooldown grew so
 * that a figure would read hours already rolled together, the cells are counted again from the chats.
 */
export async function foldChatCounts(now: Date, cooldownMs: number): Promise<FoldOutcome | null> {
  const before = rollUpBefore(now, cooldownMs);
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS "locked"`;
      if (!lock?.locked) return null;
      const [state] = await tx.$queryRaw<Array<{ rolled: boolean }>>`
        SELECT "rolledBefore" > ${timestamp(before)} AS "rolled" FROM "ChatCountState" WHERE "id" = 1`;
      if (state?.rolled) {
        // Writers wait (readers do not) while the chats are counted again: a few seconds at a million.
        await tx.$executeRaw`LOCK TABLE "Chat" IN SHARE ROW EXCLUSIVE MODE`;
        await tx.$executeRaw`DELETE FROM "ChatCountDelta"`;
        await tx.$executeRaw`DELETE FROM "ChatCountCell"`;
        await tx.$executeRaw`
          INSERT INTO "ChatCountCell" (${CELL_COLUMNS})
          SELECT ${KEY}, CASE WHEN "lastSharedAt" < ${timestamp(before)} THEN '-infinity'::timestamp ELSE date_trunc('hour', "lastSharedAt") END, count(*)
            FROM "Chat" WHERE "goneAt" IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`;
        await tx.$executeRaw`UPDATE "ChatCountState" SET "rolledBefore" = ${timestamp(before)} WHERE "id" = 1`;
        return { folded: 0, rebuilt: true };
      }
      // One statement: the deltas it deletes are exactly those it adds (later ones wait for the next fold).
      const folded = await tx.$executeRaw`
        WITH moved AS (DELETE FROM "ChatCountDelta" RETURNING *)
        INSERT INTO "ChatCountCell" (${CELL_COLUMNS})
        SELECT ${KEY}, CASE WHEN "sharedHour" < ${timestamp(before)} THEN '-infinity'::timestamp ELSE "sharedHour" END, sum("n")
          FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7
        ${ADD_TO_CELL}`;
      await tx.$executeRaw`
        WITH old AS (DELETE FROM "ChatCountCell" WHERE "sharedHour" < ${timestamp(before)} AND "sharedHour" <> '-infinity'::timestamp RETURNING *)
        INSERT INTO "ChatCountCell" (${CELL_COLUMNS})
        SELECT ${KEY}, '-infinity'::timestamp, sum("n") FROM old GROUP BY 1, 2, 3, 4, 5, 6
        ${ADD_TO_CELL}`;
      await tx.$executeRaw`DELETE FROM "ChatCountCell" WHERE "n" = 0`;
      await tx.$executeRaw`UPDATE "ChatCountState" SET "rolledBefore" = GREATEST("rolledBefore", ${timestamp(before)}) WHERE "id" = 1`;
      return { folded, rebuilt: false };
    },
    { timeout: 120_000 },
  );
}
