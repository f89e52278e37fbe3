import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { CardStatus } from '@/lib/cards/status';
import type { ChatFacts, OutboundKnowledge } from '@/lib/chats/eligibility';
import { labelOf } from '@/lib/chats/facts';
import { and, baseConditions, facetConditions, FROM_CHATS, reasonCondition, sharedCondition, stateCondition, serviceCondition, type Facet } from '@/lib/chats/index-filters';
import { outboundKnowledge } from '@/lib/chats/outbound';
import { db } from '@/lib/db';
import type { ChatHealth } from '@/lib/linq/types';
import { BLOCK_REASONS, type ChatPageQuery } from '@/lib/validations/chats';

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
    activityAt: raw.activityAt.toISOString(),
    lastInboundAt: raw.lastInboundAt?.toISOString() ?? null,
  };
}

// Keyset pagination: the cursor is the last row's sort value and id, so a page at any depth is an
// index range, and rows that move while someone pages never repeat within the sort.
const NEVER = '-infinity';

export function encodeCursor(value: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([value?.toISOString() ?? NEVER, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { value: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof id !== 'string' || typeof value !== 'string' || (value !== NEVER && Number.isNaN(Date.parse(value)))) return null;
    return { value, id };
  } catch {
    return null;
  }
}

function sortParts(query: ChatPageQuery) {
  return query.sort === 'shared'
    ? { key: sql`COALESCE(s."lastSucceededAt", '-infinity'::timestamp)`, pick: (row: RawRow) => row.lastSharedAt }
    : { key: sql`c."activityAt"`, pick: (row: RawRow) => row.activityAt };
}

/** The cutoff of the cooldown: chats shared after it are cooling down. */
export function cooldownCutoff(now: Date, cooldownMs: number): Date {
  return new Date(now.getTime() - cooldownMs);
}

/** One page of the index, filtered across every chat of the account. No Linq call. */
export async function queryChatIndex(query: ChatPageQuery, cooldownMs: number, now = new Date()): Promise<ChatIndexPage> {
  const cutoff = cooldownCutoff(now, cooldownMs);
  const { key, pick } = sortParts(query);
  const after = decodeCursor(query.cursor);
  const keyset = after ? [sql`(${key}, c."id") < (${after.value}::timestamp, ${after.id})`] : [];
  const where = and([...baseConditions(query), ...Object.values(facetConditions(query, cutoff)), ...keyset]);
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT c."id", c."sendingNumber", c."service", c."isGroup", c."health", c."hasLeft", c."displayName", c."participants",
           c."outbound", c."activityAt", c."lastInboundAt", l."cardStatus", l."status" AS "lineStatus", s."lastSucceededAt" AS "lastSharedAt"
      FROM ${FROM_CHATS}
     WHERE ${where}
     ORDER BY ${key} DESC, c."id" DESC
     LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    nextCursor: rows.length > query.limit && last ? encodeCursor(pick(last), last.id) : null,
  };
}

/** How many chats each filter value would show, given the view's other filters. */
export interface FacetCounts {
  total: number;
  line: Record<string, number>;
  state: Record<'all' | 'eligible' | 'checking' | 'ineligible', number>;
  reason: Record<string, number>;
  shared: Record<'any' | 'never' | 'recent' | 'earlier', number>;
  service: Record<'any' | 'iMessage' | 'SMS' | 'RCS' | 'unknown', number>;
  health: Record<'any' | 'HEALTHY' | 'AT_RISK' | 'CRITICAL' | 'OPTED_OUT', number>;
  group: Record<'any' | 'direct' | 'group', number>;
}

/**
 * Every count beside the filters in one pass over the matching chats: each value is counted with
 * all the view's other filters applied (so the numbers say what choosing it would show).
 */
export async function countChatIndex(query: ChatPageQuery, cooldownMs: number, lines: string[], now = new Date()): Promise<FacetCounts> {
  const cutoff = cooldownCutoff(now, cooldownMs);
  const active = facetConditions(query, cutoff);
  const others = (facet: Facet) => Object.entries(active).filter(([name]) => name !== facet).map(([, condition]) => condition);
  const counters: Array<{ path: [keyof FacetCounts, string]; condition: Prisma.Sql }> = [];
  const add = (facet: Facet, value: string, condition: Prisma.Sql | null) =>
    counters.push({ path: [facet, value], condition: and([...(condition ? [condition] : []), ...others(facet)]) });

  add('line', 'all', null);
  for (const line of lines) add('line', line, sql`c."sendingNumber" = ${line}`);
  add('state', 'all', null);
  for (const state of ['eligible', 'checking', 'ineligible'] as const) add('state', state, stateCondition(state, cutoff));
  for (const reason of BLOCK_REASONS) add('reason', reason, reasonCondition(reason, cutoff));
  add('shared', 'any', null);
  for (const shared of ['never', 'recent', 'earlier'] as const) add('shared', shared, sharedCondition(shared, cutoff));
  add('service', 'any', null);
  for (const service of ['iMessage', 'SMS', 'RCS', 'unknown'] as const) add('service', service, serviceCondition(service));
  add('health', 'any', null);
  for (const health of ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'] as const) add('health', health, sql`c."health" = ${health}`);
  add('group', 'any', null);
  add('group', 'direct', sql`NOT c."isGroup"`);
  add('group', 'group', sql`c."isGroup"`);

  const selects = counters.map(({ condition }, index) => sql`count(*) FILTER (WHERE ${condition})::int AS ${Prisma.raw(`"c${index}"`)}`);
  const [row] = await db.$queryRaw<Array<Record<string, number>>>`
    SELECT count(*) FILTER (WHERE ${and(Object.values(active))})::int AS "total", ${Prisma.join(selects, ', ')}
      FROM ${FROM_CHATS}
     WHERE ${and(baseConditions(query))}`;
  const counts = { total: row?.total ?? 0, line: {}, state: {}, reason: {}, shared: {}, service: {}, health: {}, group: {} } as FacetCounts;
  counters.forEach(({ path: [facet, value] }, index) => {
    (counts[facet] as Record<string, number>)[value] = row?.[`c${index}`] ?? 0;
  });
  return counts;
}
