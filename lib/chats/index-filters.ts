// The Chats page's filters as SQL over the chat index, in one place: the page, the counts beside
// each filter value, and (later) "select all matching" build from these. Pure (no I/O): every
// value is a bound parameter. Conditions mirror lib/chats/eligibility.ts, rule for rule.
//
// Aliases: c = "Chat", l = "SendingLine" (the chat's line and its card), s = "ChatShareState".
import { Prisma } from '@/generated/prisma/client';
import { chatMatches } from '@/lib/chat-search';
import { numberWithin, type NumberScope } from '@/lib/number-scope';
import { searchTerm } from '@/lib/search-terms';
import { type BlockReason, type ChatPageQuery, type ChatState } from '@/lib/validations/chats';

const sql = Prisma.sql;

/** The chats the page lists at all: not confirmed gone. */
export const LIVE = sql`c."goneAt" IS NULL`;

/** The tables every chat-index query reads. */
export const FROM_CHATS = sql`"Chat" c
  LEFT JOIN "SendingLine" l ON l."phoneNumber" = c."sendingNumber"
  LEFT JOIN "ChatShareState" s ON s."chatId" = c."id"`;

/** Shared within the cooldown: the window started at `cutoff`. */
function recent(cutoff: Date) {
  return sql`COALESCE(s."lastSucceededAt" > ${cutoff}::timestamp, false)`;
}

const REASONS: Record<BlockReason, (cutoff: Date) => Prisma.Sql> = {
  not_imessage: () => sql`c."service" IS DISTINCT FROM 'iMessage'`,
  no_outbound: () => sql`c."outbound" = 'NO'`,
  no_card: () => sql`(c."sendingNumber" IS NULL OR COALESCE(l."cardStatus" IN ('none', 'inactive'), false))`,
  cooldown: recent,
  opted_out: () => sql`c."health" IS NOT DISTINCT FROM 'OPTED_OUT'`,
  left: () => sql`c."hasLeft"`,
};

/** Some rule fails (or a blocking warning applies): the chat cannot receive the card. */
function fails(cutoff: Date) {
  return sql`(${Prisma.join(
    Object.values(REASONS).map((reason) => reason(cutoff)),
    ' OR ',
  )})`;
}

/**
 * Eligible now. The chat's own facts are written exactly as the partial index "Chat_ready_idx"
 * states them, so that PostgreSQL reads that index in page order.
 */
function eligible(cutoff: Date) {
  return sql`(c."service" = 'iMessage' AND c."outbound" = 'YES' AND NOT c."hasLeft" AND c."health" IS DISTINCT FROM 'OPTED_OUT'
    AND l."cardStatus" = 'active' AND NOT ${recent(cutoff)})`;
}

/** Nothing fails yet, but the messages (or the line's card) have not been read. */
function checking(cutoff: Date) {
  return sql`(NOT ${fails(cutoff)} AND (c."outbound" = 'UNKNOWN' OR l."phoneNumber" IS NULL))`;
}

export function stateCondition(state: Exclude<ChatState, 'all'>, cutoff: Date): Prisma.Sql {
  if (state === 'eligible') return eligible(cutoff);
  if (state === 'checking') return checking(cutoff);
  return fails(cutoff);
}

export function reasonCondition(reason: BlockReason, cutoff: Date): Prisma.Sql {
  return REASONS[reason](cutoff);
}

/**
 * Never shared. Written as NOT EXISTS rather than a test on the joined row, so that PostgreSQL can
 * walk the chats in page order and skip the shared ones (an anti-join), instead of sorting them all.
 */
export const NEVER_SHARED = sql`NOT EXISTS (SELECT 1 FROM "ChatShareState" x WHERE x."chatId" = c."id" AND x."lastSucceededAt" IS NOT NULL)`;

/**
 * `counting`: the condition inside count(*) FILTER over every chat, where the joined row's own test is
 * the fast one (NOT EXISTS would run once per chat); the two say the same, one share state per chat.
 */
export function sharedCondition(shared: Exclude<ChatPageQuery['shared'], 'any'>, cutoff: Date, counting = false): Prisma.Sql {
  if (shared === 'never') return counting ? sql`s."lastSucceededAt" IS NULL` : NEVER_SHARED;
  if (shared === 'recent') return recent(cutoff);
  return sql`s."lastSucceededAt" <= ${cutoff}::timestamp`;
}

export function serviceCondition(service: Exclude<ChatPageQuery['service'], 'any'>): Prisma.Sql {
  return service === 'unknown' ? sql`c."service" IS NULL` : sql`c."service" = ${service}`;
}

/** The filters a query sets, each as one condition, keyed by the filter it comes from. */
export type Facet = 'line' | 'state' | 'reason' | 'shared' | 'service' | 'health' | 'group';

export function facetConditions(query: ChatPageQuery, cutoff: Date, counting = false): Partial<Record<Facet, Prisma.Sql>> {
  const conditions: Partial<Record<Facet, Prisma.Sql>> = {};
  if (query.from) conditions.line = sql`c."sendingNumber" = ${query.from}`;
  if (query.show !== 'all') conditions.state = stateCondition(query.show, cutoff);
  if (query.reason) conditions.reason = reasonCondition(query.reason, cutoff);
  if (query.shared !== 'any') conditions.shared = sharedCondition(query.shared, cutoff, counting);
  if (query.service !== 'any') conditions.service = serviceCondition(query.service);
  if (query.health !== 'any') conditions.health = sql`c."health" = ${query.health}`;
  if (query.group !== 'any') conditions.group = sql`c."isGroup" = ${query.group === 'group'}`;
  return conditions;
}

/**
 * What every chat-index query of this view keeps to: live chats of the person's numbers (their
 * scope), matching the search. Every read of the index goes through here, so a person limited to
 * some numbers never counts, lists or shares another number's chat.
 */
export function baseConditions(query: Pick<ChatPageQuery, 'q'>, scope: NumberScope): Prisma.Sql[] {
  const term = searchTerm(query.q);
  const kept = scope === null ? [LIVE] : [LIVE, numberWithin(scope, sql`c."sendingNumber"`)];
  return term ? [...kept, chatMatches(term, sql`c`)] : kept;
}

export function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/** WHERE for the chats a view shows (all its filters). */
export function viewCondition(query: ChatPageQuery, scope: NumberScope, cutoff: Date): Prisma.Sql {
  return and([...baseConditions(query, scope), ...Object.values(facetConditions(query, cutoff))]);
}
