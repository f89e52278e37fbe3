import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { countedChats } from '@/lib/chats/count-cells';
import {
  and,
  baseConditions,
  facetConditions,
  FROM_CHATS,
  reasonCondition,
  serviceCondition,
  sharedCondition,
  stateCondition,
  type Facet,
} from '@/lib/chats/index-filters';
import { cooldownCutoff } from '@/lib/chats/index-query';
import { db } from '@/lib/db';
import type { NumberScope } from '@/lib/number-scope';
import { searchTerm } from '@/lib/search-terms';
import { BLOCK_REASONS, type ChatPageQuery } from '@/lib/validations/chats';

// The counts of the Chats page's filters, with the same conditions as its rows (index-filters.ts),
// read from the counted cells (count-cells.ts), or from every chat when the cells cannot say.

const sql = Prisma.sql;

/**
 * Where a count reads: the counted cells (lib/chats/count-cells.ts), or every chat when a search
 * narrows the view (cells know no names) or `everyChat` asks for the pass the cells must agree with.
 * Each row of the source stands for `weight` chats.
 */
export async function countSource(
  query: Pick<ChatPageQuery, 'q'>,
  cutoffs: [Date, ...Date[]],
  everyChat = false,
): Promise<{ from: Prisma.Sql; weight: Prisma.Sql }> {
  const cells = everyChat || searchTerm(query.q) ? null : await countedChats(cutoffs);
  return cells ? { from: cells, weight: sql`c."n"` } : { from: FROM_CHATS, weight: sql`1` };
}

/** How many chats of `source` meet `condition`, as an int column. */
export function countWhere(weight: Prisma.Sql, condition: Prisma.Sql): Prisma.Sql {
  return sql`COALESCE(sum(${weight}) FILTER (WHERE ${condition}), 0)::int`;
}

/**
 * How many chats a filter shows: the same figure as the filters' `total` (countChatIndex), alone,
 * for a saved view's count in the navigation.
 */
export async function countMatching(query: ChatPageQuery, scope: NumberScope, cooldownMs: number, now = new Date(), everyChat = false): Promise<number> {
  const cutoff = cooldownCutoff(now, cooldownMs);
  const active = facetConditions(query, cutoff, true);
  const { from, weight } = await countSource(query, [cutoff], everyChat);
  const [row] = await db.$queryRaw<Array<{ total: number }>>`
    SELECT ${countWhere(weight, sql`TRUE`)} AS "total" FROM ${from} WHERE ${and([...baseConditions(query, scope), ...Object.values(active)])}`;
  return row?.total ?? 0;
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
 * Every count beside the filters in one pass over the counted cells (or the chats, see countSource):
 * each value is counted with all the view's other filters applied (so the numbers say what choosing
 * it would show).
 */
export async function countChatIndex(
  query: ChatPageQuery,
  scope: NumberScope,
  cooldownMs: number,
  lines: string[],
  now = new Date(),
  everyChat = false,
): Promise<FacetCounts> {
  const { statement, counters } = await facetCountsStatement(query, scope, cooldownMs, lines, now, everyChat);
  const [row] = await db.$queryRaw<Array<Record<string, number>>>(statement);
  const counts = { total: row?.total ?? 0, line: {}, state: {}, reason: {}, shared: {}, service: {}, health: {}, group: {} } as FacetCounts;
  counters.forEach(({ path: [facet, value] }, index) => {
    (counts[facet] as Record<string, number>)[value] = row?.[`c${index}`] ?? 0;
  });
  return counts;
}

/** The one statement countChatIndex runs, and what each of its columns counts (the benchmark explains it). */
export async function facetCountsStatement(query: ChatPageQuery, scope: NumberScope, cooldownMs: number, lines: string[], now = new Date(), everyChat = false) {
  const cutoff = cooldownCutoff(now, cooldownMs);
  const { from, weight } = await countSource(query, [cutoff], everyChat);
  const active = facetConditions(query, cutoff, true);
  const others = (facet: Facet) =>
    Object.entries(active)
      .filter(([name]) => name !== facet)
      .map(([, condition]) => condition);
  const counters: Array<{ path: [keyof FacetCounts, string]; condition: Prisma.Sql }> = [];
  const add = (facet: Facet, value: string, condition: Prisma.Sql | null) =>
    counters.push({ path: [facet, value], condition: and([...(condition ? [condition] : []), ...others(facet)]) });

  add('line', 'all', null);
  for (const line of lines) add('line', line, sql`c."sendingNumber" = ${line}`);
  add('state', 'all', null);
  for (const state of ['eligible', 'checking', 'ineligible'] as const) add('state', state, stateCondition(state, cutoff));
  for (const reason of BLOCK_REASONS) add('reason', reason, reasonCondition(reason, cutoff));
  add('shared', 'any', null);
  for (const shared of ['never', 'recent', 'earlier'] as const) add('shared', shared, sharedCondition(shared, cutoff, true));
  add('service', 'any', null);
  for (const service of ['iMessage', 'SMS', 'RCS', 'unknown'] as const) add('service', service, serviceCondition(service));
  add('health', 'any', null);
  for (const health of ['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'] as const) add('health', health, sql`c."health" = ${health}`);
  add('group', 'any', null);
  add('group', 'direct', sql`NOT c."isGroup"`);
  add('group', 'group', sql`c."isGroup"`);

  const selects = counters.map(({ condition }, index) => sql`${countWhere(weight, condition)} AS ${Prisma.raw(`"c${index}"`)}`);
  const statement = sql`
    SELECT ${countWhere(weight, and(Object.values(active)))} AS "total", ${Prisma.join(selects, ', ')}
      FROM ${from}
     WHERE ${and(baseConditions(query, scope))}`;
  return { statement, counters };
}
