import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { chatMatches } from '@/lib/chat-search';
import { db } from '@/lib/db';
import { decodeCursor, encodeCursor, type Keyset } from '@/lib/history/cursor';
import { dayRange, utcSql as utc } from '@/lib/history/day-range';
import { numberWithin, type NumberScope } from '@/lib/number-scope';
import { searchTerm } from '@/lib/search-terms';
import { type HistoryFilters } from '@/lib/validations/history';

export interface ShareHistoryRow {
  id: string;
  /** ISO, UTC. */
  createdAt: string;
  chatId: string;
  chatLabel: string;
  participants: string[];
  sendingNumber: string | null;
  actorName: string;
  actorEmail: string;
  source: string;
  /** The bulk or scheduled run it belongs to. */
  runId: string | null;
  outcome: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUSED' | 'UNKNOWN';
  linqCode: number | null;
  httpStatus: number | null;
  message: string | null;
  traceId: string | null;
  latencyMs: number | null;
  /** A later attempt on the chat settled what this one left open: "retried → shared 12:03". */
  supersededBy: { outcome: 'SUCCEEDED' | 'FAILED' | 'REFUSED' | 'UNKNOWN'; at: string } | null;
  /** Linq's page about its error code. */
  docUrl: string | null;
}

/** History's filters with the numbers the reader may see (null: every number): History never shows another number's records. */
export type ScopedHistoryFilters = HistoryFilters & { scope: NumberScope };

/** History's filters, or just one chat (its drawer on the chats page), within the reader's numbers. */
export type ShareEventFilters = Partial<HistoryFilters> & { chatId?: string; scope: NumberScope };

function conditions(filters: ShareEventFilters, after: Keyset | null): Prisma.Sql {
  const parts: Prisma.Sql[] = filters.scope === null ? [] : [numberWithin(filters.scope, Prisma.sql`e."sendingNumber"`)];
  const { since, until } = dayRange(filters);
  if (since) parts.push(Prisma.sql`e."createdAt" >= ${utc(since)}`);
  if (until) parts.push(Prisma.sql`e."createdAt" < ${utc(until)}`);
  if (filters.number) parts.push(Prisma.sql`e."sendingNumber" = ${filters.number}`);
  if (filters.chatId) parts.push(Prisma.sql`e."chatId" = ${filters.chatId}`);
  if (filters.actor) parts.push(Prisma.sql`e."actorId" = ${filters.actor}`);
  if (filters.run) parts.push(Prisma.sql`e."runId" = ${filters.run}`);
  if (filters.outcome) parts.push(Prisma.sql`e."outcome" = ${filters.outcome}::"ShareOutcome"`);
  if (filters.source) parts.push(Prisma.sql`e."source" = ${filters.source}::"ShareSource"`);
  if (filters.latest) {
    parts.push(
      filters.run
        ? Prisma.sql`e."id" IN (SELECT i."eventId" FROM "ShareRunItem" i WHERE i."runId" = ${filters.run} AND i."eventId" IS NOT NULL)`
        : Prisma.sql`e."supersededAt" IS NULL`,
    );
  }
  const term = searchTerm(filters.q);
  if (filters.q && term) {
    // The Chats page's search (any part of a name, handle or email, however a number is typed) over
    // the index (which keeps chats Linq no longer lists), or a chat's id: the matching chats are read
    // once into an array, so that the events are an index range per chat.
    parts.push(
      Prisma.sql`e."chatId" = ANY(ARRAY(SELECT c."id" FROM "Chat" c WHERE ${chatMatches(term, Prisma.sql`c`)}) || ARRAY[${filters.q.trim()}]::text[])`,
    );
  }
  // Row comparison: an index range scan on (…, createdAt DESC, id DESC) at any depth.
  if (after) parts.push(Prisma.sql`(e."createdAt", e."id") < (${utc(after.createdAt)}, ${after.id})`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

/** A page of share events, newest first, after the keyset `after` (null: the first page). */
export async function queryShareEvents(filters: ShareEventFilters, after: Keyset | null, limit: number): Promise<ShareHistoryRow[]> {
  return db.$queryRaw<ShareHistoryRow[]>`
    SELECT e."id", to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", e."chatId", e."chatLabel",
           e."participants", e."sendingNumber", u."name" AS "actorName", u."email" AS "actorEmail", e."source"::text AS "source", e."runId",
           e."outcome"::text AS "outcome", e."linqCode", e."httpStatus", e."message", e."traceId", e."latencyMs", e."docUrl",
           CASE WHEN s."id" IS NULL THEN NULL
                ELSE json_build_object('outcome', s."outcome"::text, 'at', to_char(COALESCE(s."completedAt", s."createdAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS "supersededBy"
      FROM "ShareEvent" e JOIN "User" u ON u."id" = e."actorId"
      LEFT JOIN "ShareEvent" s ON s."id" = e."supersededById"
      ${conditions(filters, after)}
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${limit}`;
}

export async function readShareHistoryPage(filters: ScopedHistoryFilters, pageSize: number) {
  const rows = await queryShareEvents(filters, decodeCursor(filters.cursor), pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
}
