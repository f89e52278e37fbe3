import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { ChatFacts, OutboundKnowledge } from '@/lib/chats/eligibility';
import { labelOf } from '@/lib/chats/facts';
import { and, baseConditions, facetConditions, FROM_CHATS, NEVER_SHARED, stateCondition } from '@/lib/chats/index-filters';
import { outboundKnowledge } from '@/lib/chats/outbound';
import { db } from '@/lib/db';
import type { CardStatus } from '@/lib/lines/card-status';
import type { ChatHealth } from '@/lib/linq/types';
import { numberWithin, type NumberScope } from '@/lib/number-scope';
import type { ChatPageQuery } from '@/lib/validations/chats';
import { hasControlCharacters, isIsoInstant } from '@/lib/validations/safe-text';

const sql = Prisma.sql;

/** One chat as the Chats page shows it: serialisable; eligibility is computed from it in the browser too. */
export interface ChatRow {
  id: string;
  label: string;
  participants: string[];
  sendingNumber: string | null;
  facts: ChatFacts;
  outbound: OutboundKnowledge;
  /** The card of the chat's line; undefined when the line is not known yet. */
  cardStatus: CardStatus | undefined;
  /** Linq flagged the chat's line (phone_number.status_updated). */
  lineFlagged: boolean;
  lastSharedAt: string | null;
  /** The last share's outcome is unknown: the chat is held as if shared, until released. */
  lastShareUncertain: boolean;
  activityAt: string;
  lastInboundAt: string | null;
}

export interface ChatIndexPage {
  rows: ChatRow[];
  nextCursor: string | null;
}

interface RawRow {
  id: string;
  sendingNumber: string | null;
  service: string | null;
  isGroup: boolean;
  health: string | null;
  hasLeft: boolean;
  displayName: string | null;
  participants: string[];
  outbound: 'YES' | 'NO' | 'UNKNOWN';
  activityAt: Date;
  lastInboundAt: Date | null;
  cardStatus: string | null;
  lineStatus: string | null;
  lastSharedAt: Date | null;
  heldByEventId: string | null;
}

function toRow(raw: RawRow): ChatRow {
  const handles = [
    ...(raw.sendingNumber ? [{ handle: raw.sendingNumber, isMe: true, status: raw.hasLeft ? 'left' : 'active' }] : []),
    ...raw.participants.map((handle) => ({ handle, isMe: false, status: 'active' })),
  ];
  return {
    id: raw.id,
    label: labelOf(raw.displayName, raw.participants),
    participants: raw.participants,
    sendingNumber: raw.sendingNumber,
    facts: { service: raw.service, isGroup: raw.isGroup, health: raw.health as ChatHealth | null, handles },
    outbound: outboundKnowledge(raw.outbound),
    cardStatus: (raw.cardStatus as CardStatus | null) ?? undefined,
    lineFlagged: raw.lineStatus === 'FLAGGED',
    lastSharedAt: raw.lastSharedAt?.toISOString() ?? null,
    lastShareUncertain: raw.heldByEventId !== null,
    activityAt: raw.activityAt.toISOString(),
    lastInboundAt: raw.lastInboundAt?.toISOString() ?? null,
  };
}

// Keyset pagination: the cursor is the last row's sort value and id (and, when sorting by last share,
// its activity: never-shared chats follow the shared ones, most recently active first). A page at
// any depth is then an index range, and rows never repeat across pages.
const NEVER = 'never';

interface Cursor {
  /** The sort value: activityAt, or lastSharedAt / NEVER when sorting by last share. */
  value: string;
  id: string;
  activityAt?: string;
}

// Only the instants the console itself writes: JavaScript reads "1" as a date, PostgreSQL does not.
const isTime = isIsoInstant;

export function encodeCursor(row: { id: string; activityAt: Date; lastSharedAt: Date | null }, sort: ChatPageQuery['sort']): string {
  const parts = sort === 'shared' ? [row.lastSharedAt?.toISOString() ?? NEVER, row.id, row.activityAt.toISOString()] : [row.activityAt.toISOString(), row.id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Whether a cursor is one this console made (a page link from the Chats page). */
export function isChatCursor(cursor: string): boolean {
  return decodeCursor(cursor) !== null;
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const [value, id, activityAt] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof id !== 'string' || id.length > 100 || hasControlCharacters(id) || !(isTime(value) || value === NEVER)) return null;
    if (value === NEVER && !isTime(activityAt)) return null;
    return { value, id, activityAt: isTime(activityAt) ? activityAt : undefined };
  } catch {
    return null;
  }
}

const ACTIVITY_ORDER = sql`c."activityAt" DESC, c."id" DESC`;
const afterActivity = (at: string, id: string) => sql`(c."activityAt", c."id") < (${at}::timestamp, ${id})`;

async function selectRows(where: Prisma.Sql[], order: Prisma.Sql, take: number): Promise<RawRow[]> {
  return db.$queryRaw<RawRow[]>(rowsStatement(where, order, take));
}

/** The first page of a view by activity, as queryChatIndex reads it (the benchmark explains it). */
export function firstPageStatement(query: ChatPageQuery, scope: NumberScope, cooldownMs: number, now = new Date()): Prisma.Sql {
  return rowsStatement(
    [...baseConditions(query, scope), ...Object.values(facetConditions(query, cooldownCutoff(now, cooldownMs)))],
    ACTIVITY_ORDER,
    query.limit + 1,
  );
}

function rowsStatement(where: Prisma.Sql[], order: Prisma.Sql, take: number): Prisma.Sql {
  return sql`
    SELECT c."id", c."sendingNumber", c."service", c."isGroup", c."health", c."hasLeft", c."displayName", c."participants",
           c."outbound", c."activityAt", c."lastInboundAt", l."cardStatus", l."status" AS "lineStatus", s."lastSucceededAt" AS "lastSharedAt",
           s."heldByEventId"
      FROM ${FROM_CHATS}
     WHERE ${and(where)}
     ORDER BY ${order}
     LIMIT ${take}`;
}

/** The cutoff of the cooldown: chats shared after it are cooling down. */
export function cooldownCutoff(now: Date, cooldownMs: number): Date {
  return new Date(now.getTime() - cooldownMs);
}

/**
 * One page of the index, filtered across every chat of the account. No Linq call. Sorted by last
 * share, it reads the shared chats in the order of ChatShareState's index, then the never-shared ones
 * by activity: both are index ranges, where one COALESCE ordering would sort every chat.
 */
export async function queryChatIndex(query: ChatPageQuery, scope: NumberScope, cooldownMs: number, now = new Date()): Promise<ChatIndexPage> {
  const filters = [...baseConditions(query, scope), ...Object.values(facetConditions(query, cooldownCutoff(now, cooldownMs)))];
  const after = decodeCursor(query.cursor);
  const take = query.limit + 1;
  let rows: RawRow[];
  if (query.sort === 'activity') {
    rows = await selectRows([...filters, ...(after ? [afterActivity(after.value, after.id)] : [])], ACTIVITY_ORDER, take);
  } else {
    rows = [];
    if (after?.value !== NEVER) {
      const keyset = after ? [sql`(s."lastSucceededAt", s."chatId") < (${after.value}::timestamp, ${after.id})`] : [];
      rows = await selectRows([...filters, sql`s."lastSucceededAt" IS NOT NULL`, ...keyset], sql`s."lastSucceededAt" DESC, s."chatId" DESC`, take);
    }
    if (rows.length < take) {
      const keyset = after?.value === NEVER ? [afterActivity(after.activityAt!, after.id)] : [];
      rows.push(...(await selectRows([...filters, NEVER_SHARED, ...keyset], ACTIVITY_ORDER, take - rows.length)));
    }
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last, query.sort) : null,
  };
}

/** Chats by id, whatever the view's filters (rows still on screen that a refresh no longer matches), within the scope. */
export async function queryChatRows(ids: string[], scope: NumberScope): Promise<ChatRow[]> {
  if (ids.length === 0) return [];
  const where = [sql`c."id" IN (${Prisma.join(ids)})`, numberWithin(scope, sql`c."sendingNumber"`)];
  return (await selectRows(where, ACTIVITY_ORDER, ids.length)).map(toRow);
}

/** Whether one chat can receive the card now, by the Chats page's own rule (a lookup by id). */
export async function eligibleNow(chatId: string, cooldownMs: number, now = new Date()): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ eligible: boolean }>>`
    SELECT COALESCE(${stateCondition('eligible', cooldownCutoff(now, cooldownMs))}, false) AS "eligible"
      FROM ${FROM_CHATS} WHERE c."id" = ${chatId} AND c."goneAt" IS NULL`;
  return row?.eligible ?? false;
}
