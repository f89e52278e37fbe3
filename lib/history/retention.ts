import 'server-only';
import { db } from '@/lib/db';
import { utcSql } from '@/lib/history/day-range';
import { monthsBefore } from '@/lib/time-zone';

// SHARE_HISTORY_MONTHS: share events older than that many months are deleted, and with them the
// customers' numbers they hold. Their daily totals per number stay in ShareTally (no trigger
// subtracts a deleted event), and nothing else is touched: runs keep their counters, chats their
// last share (ChatShareState), Impact its 13 weeks (the setting's minimum keeps them).

const BATCH = 5_000;
/** Deleting ten million rows at once would hold the hourly tick for minutes: the rest waits an hour. */
const BUDGET_MS = 20_000;

/** Deletes the share events older than `months` (none when unset), oldest first; returns how many. */
export async function pruneShareEvents(now: Date, months: number | undefined, budgetMs = BUDGET_MS): Promise<number> {
  if (months === undefined) return 0;
  const keptFrom = utcSql(monthsBefore(now, months));
  const started = Date.now();
  let deleted = 0;
  for (;;) {
    const batch = await db.$executeRaw`
      DELETE FROM "ShareEvent" WHERE "id" IN (
        SELECT "id" FROM "ShareEvent" WHERE "createdAt" < ${keptFrom} ORDER BY "createdAt" LIMIT ${BATCH})`;
    deleted += batch;
    if (batch < BATCH || Date.now() - started > budgetMs) return deleted;
  }
}
