import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { and, baseConditions, facetConditions, FROM_CHATS, LIVE, reasonCondition, stateCondition } from '@/lib/chats/index-filters';
import { db } from '@/lib/db';
import { numberWithin, type NumberScope } from '@/lib/number-scope';
import { chatPageQuerySchema, type BlockReason } from '@/lib/validations/chats';
import type { RunSelection } from '@/lib/validations/runs';

const sql = Prisma.sql;

/** What a run covers, as conditions on the chat index (c, l, s as in lib/chats/index-filters.ts). */
export type RunScope =
  | RunSelection
  /** The failed chats of an earlier run, tried again. */
  | { kind: 'retry'; fromRunId: string }
  /** A number's daily re-share: its eligible chats, never critical ones, optionally only those the customer wrote in. */
  | { kind: 'schedule'; phoneNumber: string; onlyRepliedChats: boolean };

/**
 * The chats a run covers: its scope's, of the numbers of the person who makes it (a person limited
 * to some numbers shares into theirs only, whatever the selection names).
 */
function scopeConditions(scope: RunScope, cutoff: Date, numbers: NumberScope): Prisma.Sql[] {
  const theirs = numberWithin(numbers, sql`c."sendingNumber"`);
  switch (scope.kind) {
    case 'filter': {
      const query = chatPageQuerySchema.parse(scope.query);
      return [...baseConditions(query, numbers), ...Object.values(facetConditions(query, cutoff))];
    }
    case 'chats':
      return [LIVE, theirs, sql`c."id" = ANY(${scope.chatIds}::text[])`];
    case 'retry':
      return [LIVE, theirs, sql`c."id" IN (SELECT i."chatId" FROM "ShareRunItem" i WHERE i."runId" = ${scope.fromRunId} AND i."state" = 'FAILED')`];
    case 'schedule':
      return [
        LIVE,
        theirs,
        sql`c."sendingNumber" = ${scope.phoneNumber}`,
        stateCondition('eligible', cutoff),
        sql`c."health" IS DISTINCT FROM 'CRITICAL'`,
        ...(scope.onlyRepliedChats ? [sql`c."lastInboundAt" IS NOT NULL`] : []),
      ];
  }
}

/** Skipped at once, and why: covered by another run, else the first rule the chat fails, in the order the Chats page gives them. */
const SKIP_ORDER: BlockReason[] = ['left', 'opted_out', 'not_imessage', 'no_outbound', 'no_card', 'cooldown'];

/** The chat is still to be reached by a run in progress or paused: a new run leaves it to that one. */
const IN_OTHER_RUN = sql`EXISTS (SELECT 1 FROM "ShareRunItem" o JOIN "ShareRun" r ON r."id" = o."runId"
                                  WHERE o."chatId" = c."id" AND o."state" IN ('PENDING', 'SENDING', 'RETRY') AND r."status" IN ('RUNNING', 'PAUSED'))`;

function skipReason(cutoff: Date): Prisma.Sql {
  return sql`CASE WHEN ${IN_OTHER_RUN} THEN 'in_other_run' ${Prisma.join(
    SKIP_ORDER.map((reason) => sql`WHEN ${reasonCondition(reason, cutoff)} THEN ${reason}`),
    ' ',
  )} END`;
}

export interface RunPlan {
  /** Every chat the selection covers. */
  total: number;
  /** The ones that will be shared (or tried: a chat still being checked is checked then). */
  toShare: number;
  perNumber: Array<{ phoneNumber: string | null; toShare: number; skipped: number }>;
  /** Chats skipped, by reason code. */
  skipped: Record<string, number>;
}

/** What a run of this scope would do now: the dialog's figures, from the same query the run is made with. */
export async function planRun(scope: RunScope, cutoff: Date, within: NumberScope): Promise<RunPlan> {
  const rows = await db.$queryRaw<Array<{ line: string | null; skip: string | null; count: number }>>`
    SELECT c."sendingNumber" AS line, ${skipReason(cutoff)} AS skip, count(*)::int AS count
      FROM ${FROM_CHATS}
     WHERE ${and(scopeConditions(scope, cutoff, within))}
     GROUP BY 1, 2
     ORDER BY 1`;
  const perNumber = new Map<string | null, { phoneNumber: string | null; toShare: number; skipped: number }>();
  const skipped: Record<string, number> = {};
  for (const row of rows) {
    const entry = perNumber.get(row.line) ?? { phoneNumber: row.line, toShare: 0, skipped: 0 };
    if (row.skip) {
      entry.skipped += row.count;
      skipped[row.skip] = (skipped[row.skip] ?? 0) + row.count;
    } else entry.toShare += row.count;
    perNumber.set(row.line, entry);
  }
  const numbers = [...perNumber.values()];
  return {
    total: numbers.reduce((sum, n) => sum + n.toShare + n.skipped, 0),
    toShare: numbers.reduce((sum, n) => sum + n.toShare, 0),
    perNumber: numbers,
    skipped,
  };
}

export interface FrozenItems {
  total: number;
  skipped: number;
  /** The sending numbers of the chats frozen ('' for a chat with none), for ShareRun.numbers. */
  numbers: string[];
}

/** Freezes the scope's chats into the run's items (skipped ones with their reason); returns the counts. */
export async function freezeRunItems(tx: Prisma.TransactionClient, runId: string, scope: RunScope, cutoff: Date, numbers: NumberScope): Promise<FrozenItems> {
  const [counts] = await tx.$queryRaw<FrozenItems[]>`
    WITH inserted AS (
      INSERT INTO "ShareRunItem" ("runId", "chatId", "sendingNumber", "state", "reason", "updatedAt")
      SELECT ${runId}, c."id", c."sendingNumber",
             (CASE WHEN skip IS NULL THEN 'PENDING' ELSE 'SKIPPED' END)::"RunItemState", skip, now() AT TIME ZONE 'UTC'
        FROM (SELECT c.*, ${skipReason(cutoff)} AS skip FROM ${FROM_CHATS} WHERE ${and(scopeConditions(scope, cutoff, numbers))}) c
      RETURNING "state", "sendingNumber"
    )
    SELECT count(*)::int AS total, count(*) FILTER (WHERE "state" = 'SKIPPED')::int AS skipped,
           COALESCE(array_agg(DISTINCT COALESCE("sendingNumber", '')) FILTER (WHERE true), ARRAY[]::text[]) AS numbers
      FROM inserted`;
  return counts ?? { total: 0, skipped: 0, numbers: [] };
}
