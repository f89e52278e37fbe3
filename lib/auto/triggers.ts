import 'server-only';
import { Prisma, type AutoTrigger } from '@/generated/prisma/client';
import { timingOf } from '@/lib/auto/rules';
import { firstDueAt, STALE_AFTER_MS } from '@/lib/auto/timing';
import { db } from '@/lib/db';
import { queueAutoShare } from '@/lib/queue/send';

// Which conversations reached the trigger of their number's automatic share, decided from the chat
// index alone, so that a webhook (at once, for its chat) and the tick (after a sync wrote what it
// read) come to the same answer. A conversation qualifies when the business's first message in it
// became known after the rule was switched on (the chat's outbound fact turned to yes then, for a
// message written then): a conversation already under way never does. With "after the customer's
// first reply", the customer must also have written after that message.

interface Candidate {
  chatId: string;
  phoneNumber: string;
  trigger: AutoTrigger;
  triggeredAt: Date;
  delayMinutes: number;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
}

/** When the conversation reached the trigger: our first message known, or the customer's reply after it. */
export function triggerMoment(trigger: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${trigger} = 'FIRST_OUTBOUND' THEN LEAST(c."outboundSince", c."lastOutboundAt") ELSE c."lastInboundAt" END`;
}

/**
 * The conditions on a chat `c` for its conversation to have reached the trigger since `since`: the
 * rule's (a live rule: its columns; the form's preview: its values), in one place.
 */
export function reachedTrigger(rule: { since: Prisma.Sql; trigger: Prisma.Sql; includeGroups: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`c."goneAt" IS NULL AND c."outbound" = 'YES'
       AND c."outboundSince" >= ${rule.since} AND c."lastOutboundAt" >= ${rule.since}
       AND (c."service" = 'iMessage' OR c."service" IS NULL)
       AND (${rule.includeGroups} OR NOT c."isGroup")
       AND (${rule.trigger} = 'FIRST_OUTBOUND' OR c."lastInboundAt" > LEAST(c."outboundSince", c."lastOutboundAt"))`;
}

const LIVE_RULE = { since: Prisma.sql`r."enabledAt"`, trigger: Prisma.sql`r."trigger"::text`, includeGroups: Prisma.sql`r."includeGroups"` };

/** Chats of numbers with automatic share on that reached its trigger and have no automatic share yet. */
function findCandidates(scope: Prisma.Sql): Promise<Candidate[]> {
  return db.$queryRaw<Candidate[]>`
    SELECT c."id" AS "chatId", r."phoneNumber", r."trigger", ${triggerMoment(LIVE_RULE.trigger)} AS "triggeredAt",
           r."delayMinutes", r."quietStart", r."quietEnd", r."timeZone"
      FROM "AutoShareRule" r
      JOIN "Chat" c ON c."sendingNumber" = r."phoneNumber"
     WHERE r."enabled" AND ${reachedTrigger(LIVE_RULE)}
       AND NOT EXISTS (SELECT 1 FROM "AutoShare" a WHERE a."chatId" = c."id")
       AND ${scope}`;
}

/**
 * Writes one AutoShare per candidate (the chat is its key: whoever inserts first wins, every other
 * caller finds it there) and queues its job for its due time. Returns how many were new.
 */
async function enqueue(candidates: Candidate[], now: Date): Promise<number> {
  if (candidates.length === 0) return 0;
  const rows = candidates.map((candidate) => {
    const { dueAt, quiet } = firstDueAt(candidate.triggeredAt, timingOf(candidate), now);
    return { ...candidate, dueAt, reason: quiet ? 'quiet_hours' : null };
  });
  const created = await db.$queryRaw<Array<{ chatId: string; dueAt: Date }>>`
    INSERT INTO "AutoShare" ("chatId", "phoneNumber", "trigger", "triggeredAt", "dueAt", "reason", "updatedAt")
    SELECT t.chat, t.phone, t.trigger::"AutoTrigger", t.triggered AT TIME ZONE 'UTC', t.due AT TIME ZONE 'UTC', t.reason, ${now}::timestamp
      FROM unnest(${rows.map((r) => r.chatId)}::text[], ${rows.map((r) => r.phoneNumber)}::text[], ${rows.map((r) => r.trigger)}::text[],
                  ${rows.map((r) => r.triggeredAt.toISOString())}::timestamptz[], ${rows.map((r) => r.dueAt.toISOString())}::timestamptz[],
                  ${rows.map((r) => r.reason)}::text[])
           AS t(chat, phone, trigger, triggered, due, reason)
    ON CONFLICT ("chatId") DO NOTHING
    RETURNING "chatId", "dueAt"`;
  await Promise.all(created.map((row) => queueAutoShare(row.chatId, row.dueAt)));
  return created.length;
}

/** After a webhook changed these chats: their automatic share, if they just reached the trigger. */
export async function considerChats(chatIds: string[], now = new Date()): Promise<number> {
  if (chatIds.length === 0) return 0;
  return enqueue(await findCandidates(Prisma.sql`c."id" = ANY(${chatIds}::text[])`), now);
}

/**
 * Every conversation active lately that reached its trigger and has no automatic share: what the
 * sync found while webhooks were down (or a webhook whose job was cut off), picked up once.
 */
export async function considerRecentChats(now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - STALE_AFTER_MS);
  return enqueue(await findCandidates(Prisma.sql`c."activityAt" >= GREATEST(r."enabledAt", ${since}::timestamp)`), now);
}
