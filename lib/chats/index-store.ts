import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { hasLeftChat, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import { chatSearchText, diffListedChats, type IndexedFacts } from '@/lib/chats/index-facts';
import { db } from '@/lib/db';
import type { LinqChat, OutboundFacts } from '@/lib/linq';

// Every write to the chat index goes through here, so that the rules hold everywhere: facts only
// move forward in time (and a time in the future is not believed), "has an outbound message" that
// the chat's messages showed never turns back into "no", and activityAt is always the latest of what
// is known.

/** Later than this is not a real time: kept before event times were clamped, it never pins a fact. */
const FUTURE = "(now() AT TIME ZONE 'UTC') + interval '5 minutes'";

/** A stored time, or null when it is in the future. */
function sane(column: string): string {
  return `(CASE WHEN ${column} > ${FUTURE} THEN NULL ELSE ${column} END)`;
}

/** The listing is at least as recent as what the index holds (Linq's updated_at, when that is a real time). */
const FRESH_SQL = `EXCLUDED."linqUpdatedAt" >= COALESCE(${sane('"Chat"."linqUpdatedAt"')}, '-infinity')`;
const FRESH = Prisma.raw(FRESH_SQL);

export interface UpsertSummary {
  created: number;
  changed: number;
}

/**
 * An existing row is written only when the write would change it: a share or a webhook that reads a
 * chat Linq has not changed then costs no new row version, index entries or trigger work. The
 * conditions mirror the SET list of writeChats, one for each column it can change.
 */
const WOULD_CHANGE = Prisma.raw(`
  "Chat"."goneAt" IS NOT NULL
  OR (EXCLUDED."lastListedAt" IS NOT NULL AND EXCLUDED."lastListedAt" IS DISTINCT FROM "Chat"."lastListedAt")
  OR ("Chat"."linqCreatedAt" IS NULL AND EXCLUDED."linqCreatedAt" IS NOT NULL)
  OR "Chat"."linqUpdatedAt" IS DISTINCT FROM GREATEST(${sane('"Chat"."linqUpdatedAt"')}, EXCLUDED."linqUpdatedAt")
  OR "Chat"."activityAt" IS DISTINCT FROM GREATEST(${sane('"Chat"."activityAt"')}, EXCLUDED."linqUpdatedAt")
  OR ("Chat"."outbound" = 'NO' AND EXCLUDED."linqUpdatedAt" > COALESCE("Chat"."outboundCheckedAt", '-infinity'))
  OR (${FRESH_SQL} AND ("Chat"."sendingNumber", "Chat"."service", "Chat"."isGroup", "Chat"."health", "Chat"."hasLeft",
                          "Chat"."displayName", "Chat"."participants", "Chat"."searchText")
                         IS DISTINCT FROM (EXCLUDED."sendingNumber", EXCLUDED."service", EXCLUDED."isGroup", EXCLUDED."health",
                          EXCLUDED."hasLeft", EXCLUDED."displayName", EXCLUDED."participants", EXCLUDED."searchText"))`);

/**
 * Writes chats as Linq listed them, and says what changed: one read and one statement, whatever the
 * number of chats (writeChats).
 */
export async function upsertChats(chats: LinqChat[], listedAt: Date | null): Promise<UpsertSummary> {
  if (chats.length === 0) return { created: 0, changed: 0 };
  const existing = await db.chat.findMany({
    where: { id: { in: chats.map((chat) => chat.id) } },
    select: { id: true, sendingNumber: true, service: true, isGroup: true, health: true, hasLeft: true, displayName: true, participants: true, goneAt: true },
  });
  const summary = diffListedChats(existing as IndexedFacts[], chats);
  await writeChats(chats, listedAt);
  return summary;
}

/**
 * Writes chats as Linq listed (or returned) them, in one statement. A listing older than what the
 * index holds (by Linq's updated_at) does not overwrite it. `listedAt` marks them as seen by a
 * crawl, for finding the chats a complete crawl no longer lists.
 */
export async function writeChats(chats: LinqChat[], listedAt: Date | null): Promise<void> {
  if (chats.length === 0) return;
  const column = <T>(pick: (chat: LinqChat) => T) => chats.map(pick);
  await db.$executeRaw`
    INSERT INTO "Chat" ("id", "sendingNumber", "service", "isGroup", "health", "hasLeft", "displayName", "participants",
                        "searchText", "linqCreatedAt", "linqUpdatedAt", "activityAt", "lastListedAt")
    SELECT t.id, t.line, t.service, t.is_group, t.health, t.has_left, t.display_name,
           string_to_array(t.participants, chr(31)),
           t.search, t.created AT TIME ZONE 'UTC', t.updated AT TIME ZONE 'UTC',
           GREATEST(t.updated, t.created) AT TIME ZONE 'UTC', ${listedAt}::timestamp
      FROM unnest(
        ${column((c) => c.id)}::text[],
        ${column(sendingNumberOf)}::text[],
        ${column((c) => c.service)}::text[],
        ${column((c) => c.isGroup)}::boolean[],
        ${column((c) => c.health)}::text[],
        ${column(hasLeftChat)}::boolean[],
        ${column((c) => c.displayName)}::text[],
        ${column((c) => participantsOf(c).join('\u001f'))}::text[],
        ${column(chatSearchText)}::text[],
        ${column((c) => c.createdAt)}::timestamptz[],
        ${column((c) => c.updatedAt)}::timestamptz[]
      ) AS t(id, line, service, is_group, health, has_left, display_name, participants, search, created, updated)
    ON CONFLICT ("id") DO UPDATE SET
      "sendingNumber" = CASE WHEN ${FRESH} THEN EXCLUDED."sendingNumber" ELSE "Chat"."sendingNumber" END,
      "service"       = CASE WHEN ${FRESH} THEN EXCLUDED."service" ELSE "Chat"."service" END,
      "isGroup"       = CASE WHEN ${FRESH} THEN EXCLUDED."isGroup" ELSE "Chat"."isGroup" END,
      "health"        = CASE WHEN ${FRESH} THEN EXCLUDED."health" ELSE "Chat"."health" END,
      "hasLeft"       = CASE WHEN ${FRESH} THEN EXCLUDED."hasLeft" ELSE "Chat"."hasLeft" END,
      "displayName"   = CASE WHEN ${FRESH} THEN EXCLUDED."displayName" ELSE "Chat"."displayName" END,
      "participants"  = CASE WHEN ${FRESH} THEN EXCLUDED."participants" ELSE "Chat"."participants" END,
      "searchText"    = CASE WHEN ${FRESH} THEN EXCLUDED."searchText" ELSE "Chat"."searchText" END,
      "linqCreatedAt" = COALESCE("Chat"."linqCreatedAt", EXCLUDED."linqCreatedAt"),
      "linqUpdatedAt" = GREATEST(${Prisma.raw(sane('"Chat"."linqUpdatedAt"'))}, EXCLUDED."linqUpdatedAt"),
      -- Activity after the messages were read may be a message from the business: read again.
      "outbound"      = CASE WHEN "Chat"."outbound" = 'NO' AND EXCLUDED."linqUpdatedAt" > COALESCE("Chat"."outboundCheckedAt", '-infinity')
                             THEN 'UNKNOWN'::"OutboundState" ELSE "Chat"."outbound" END,
      "activityAt"    = GREATEST(${Prisma.raw(sane('"Chat"."activityAt"'))}, EXCLUDED."linqUpdatedAt"),
      "lastListedAt"  = COALESCE(EXCLUDED."lastListedAt", "Chat"."lastListedAt"),
      "goneAt"        = NULL
    WHERE ${WOULD_CHANGE}`;
}

/**
 * Records what reading chats' messages told, as of `checkedAt` (when the reads began). The
 * messages are the authority: a "yes" a read has confirmed never turns back into "no", but a "yes"
 * only a webhook asserted does when a read that began after it finds no message from the business.
 * Message times only move forward, and a time in the future (set before events were clamped) is
 * not kept.
 */
export async function recordOutboundReads(reads: Array<{ chatId: string; facts: OutboundFacts }>, checkedAt: Date): Promise<void> {
  if (reads.length === 0) return;
  const keepYes = `(c."outbound" = 'YES' AND (c."outboundSource" IS DISTINCT FROM 'WEBHOOK' OR c."outboundSince" >= $4::timestamp))`;
  await db.$executeRawUnsafe(
    `UPDATE "Chat" AS c SET
        "outbound" = CASE WHEN r.has OR ${keepYes} THEN 'YES'::"OutboundState" ELSE 'NO'::"OutboundState" END,
        "outboundSince" = CASE WHEN c."outbound" = 'YES' AND (r.has OR ${keepYes}) THEN c."outboundSince"
                               WHEN r.has OR c."outbound" <> 'NO' OR c."outboundSince" IS NULL THEN $4::timestamp
                               ELSE c."outboundSince" END,
        "outboundSource" = CASE WHEN NOT r.has AND ${keepYes} THEN c."outboundSource" ELSE 'MESSAGES'::"FactSource" END,
        "outboundCheckedAt" = $4::timestamp,
        "outboundFailedAt" = NULL,
        "lastOutboundAt" = GREATEST(${sane('c."lastOutboundAt"')}, r.last_out AT TIME ZONE 'UTC'),
        "lastInboundAt" = GREATEST(${sane('c."lastInboundAt"')}, r.last_in AT TIME ZONE 'UTC'),
        "activityAt" = GREATEST(${sane('c."activityAt"')}, r.last_out AT TIME ZONE 'UTC', r.last_in AT TIME ZONE 'UTC')
       FROM unnest($1::text[], $2::boolean[], $3::timestamptz[], $5::timestamptz[]) AS r(id, has, last_out, last_in)
      WHERE c."id" = r.id`,
    reads.map((r) => r.chatId),
    reads.map((r) => r.facts.hasOutbound),
    reads.map((r) => r.facts.lastOutboundAt),
    checkedAt,
    reads.map((r) => r.facts.lastInboundAt),
  );
  await recordTurns(reads.flatMap(({ chatId, facts }) => (facts.turns ?? []).map((turn) => ({ chatId, at: new Date(turn.at), fromUs: turn.fromUs }))));
}

/** How many turns one statement writes at most (the timeline of a sync's batch of reads). */
const TURNS_PER_STATEMENT = 5_000;

/**
 * Adds to the chats' timeline when each side wrote (no content): Impact's replies are measured on
 * it. The same message seen twice (a webhook repeat, the sync reading it again) is one turn.
 */
export async function recordTurns(turns: Array<{ chatId: string; at: Date; fromUs: boolean }>): Promise<void> {
  for (let start = 0; start < turns.length; start += TURNS_PER_STATEMENT) {
    const batch = turns.slice(start, start + TURNS_PER_STATEMENT);
    await db.$executeRaw`
      INSERT INTO "ChatTurn" ("chatId", "at", "fromUs")
      SELECT t.chat, t.at AT TIME ZONE 'UTC', t.from_us FROM unnest(${batch.map((t) => t.chatId)}::text[], ${batch.map((t) => t.at.toISOString())}::timestamptz[], ${batch.map((t) => t.fromUs)}::boolean[]) AS t(chat, at, from_us)
      ON CONFLICT DO NOTHING`;
  }
}

/** Chats whose messages could not be read: the sync moves past them and tries again next run. */
export async function recordOutboundFailures(chatIds: string[], failedAt: Date): Promise<void> {
  if (chatIds.length === 0) return;
  await db.chat.updateMany({ where: { id: { in: chatIds } }, data: { outboundFailedAt: failedAt } });
}

/**
 * A message the business sent (webhook message.sent): the chat has an outbound message from now on.
 * Returns false when the chat is not indexed yet.
 */
export async function recordOutboundMessage(chatId: string, sentAt: Date, knownAt: Date): Promise<boolean> {
  const updated = await db.$executeRawUnsafe(
    `UPDATE "Chat" SET
        "outboundSince" = CASE WHEN "outbound" = 'YES' THEN "outboundSince" ELSE $3::timestamp END,
        "outboundSource" = CASE WHEN "outbound" = 'YES' THEN "outboundSource" ELSE 'WEBHOOK'::"FactSource" END,
        "outbound" = 'YES',
        "lastOutboundAt" = GREATEST("lastOutboundAt", $2::timestamp),
        "activityAt" = GREATEST("activityAt", $2::timestamp)
      WHERE "id" = $1`,
    chatId,
    sentAt,
    knownAt,
  );
  if (updated > 0) await recordTurns([{ chatId, at: sentAt, fromUs: true }]);
  return updated > 0;
}

/** A message from the customer (webhook message.received). Returns false when the chat is not indexed. */
export async function recordInboundMessage(chatId: string, receivedAt: Date): Promise<boolean> {
  return (await recordInboundMessages([{ chatId, at: receivedAt }])).has(chatId);
}

/**
 * Customers' messages, several in one statement (and their turns in one more): each chat's latest
 * time wins, as it would one message after another. Returns the chats the index has; a message in
 * any other chat changes nothing.
 */
export async function recordInboundMessages(messages: Array<{ chatId: string; at: Date }>): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const updated = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Chat" AS c
       SET "lastInboundAt" = GREATEST(c."lastInboundAt", m.at), "activityAt" = GREATEST(c."activityAt", m.at)
      FROM (SELECT t.chat, max(t.at) AT TIME ZONE 'UTC' AS at
              FROM unnest(${messages.map((m) => m.chatId)}::text[], ${messages.map((m) => m.at.toISOString())}::timestamptz[]) AS t(chat, at)
             GROUP BY t.chat) AS m
     WHERE c."id" = m.chat
    RETURNING c."id"`;
  const known = new Set(updated.map((row) => row.id));
  await recordTurns(messages.filter((m) => known.has(m.chatId)).map((m) => ({ chatId: m.chatId, at: m.at, fromUs: false })));
  return known;
}

/** Chats Linq confirmed it no longer has (404): kept for history, hidden from the page. */
export async function markChatsGone(chatIds: string[], goneAt: Date): Promise<number> {
  if (chatIds.length === 0) return 0;
  const result = await db.chat.updateMany({ where: { id: { in: chatIds }, goneAt: null }, data: { goneAt } });
  return result.count;
}
