import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import type { OutboundKnowledge } from '@/lib/chats/eligibility';
import { hasLeftChat, sendingNumberOf } from '@/lib/chats/facts';
import { db } from '@/lib/db';
import type { LinqChat, LinqGateway } from '@/lib/linq';

/** At most this many chats' messages are read from Linq at the same time. */
export const OUTBOUND_CHECK_CONCURRENCY = 8;
/** A "no" is trusted for at most this long, even for a chat that shows no activity. */
const NEGATIVE_TTL_MS = 24 * 3_600_000;

export interface ChatActivity {
  id: string;
  /** Linq's updated_at: activity after the last check makes a cached "no" stale. */
  updatedAt: string;
}

/** Pure: what a cached check still says about a chat. */
export function knowledgeFromCache(
  cached: { hasOutbound: boolean | null; checkedAt: Date | null } | undefined,
  chat: ChatActivity,
  now: Date,
): OutboundKnowledge {
  if (!cached?.checkedAt || cached.hasOutbound === null) return 'unknown';
  if (cached.hasOutbound) return 'yes';
  const fresh = now.getTime() - cached.checkedAt.getTime() < NEGATIVE_TTL_MS;
  return fresh && new Date(chat.updatedAt) <= cached.checkedAt ? 'no' : 'unknown';
}

type KnownChatRow = Awaited<ReturnType<typeof readKnownChats>>[number];

function readKnownChats(chatIds: string[]) {
  return db.knownChat.findMany({ where: { chatId: { in: chatIds } } });
}

function sameSnapshot(chat: LinqChat, row: KnownChatRow | undefined): boolean {
  return (
    row !== undefined &&
    row.sendingNumber === sendingNumberOf(chat) &&
    row.service === chat.service &&
    row.health === chat.health &&
    row.hasLeft === hasLeftChat(chat) &&
    row.updatedAt?.getTime() === new Date(chat.updatedAt).getTime()
  );
}

/**
 * What the database already knows about these chats' outbound messages (no Linq call), keeping
 * what the page showed about each chat on the way: one read, and a write only for chats that changed.
 */
export async function knownOutbound(chats: LinqChat[], now = new Date()): Promise<Map<string, OutboundKnowledge>> {
  const rows = new Map((await readKnownChats(chats.map((c) => c.id))).map((row) => [row.chatId, row]));
  await rememberChats(chats.filter((chat) => !sameSnapshot(chat, rows.get(chat.id))));
  return new Map(chats.map((chat) => [chat.id, knowledgeFromCache(rows.get(chat.id), chat, now)]));
}

/**
 * Reads the messages of chats whose outbound presence is not known, a few at a time, and keeps
 * the answers. A chat whose messages cannot be read stays 'unknown'; the others are unaffected.
 */
export async function checkOutbound(chatIds: string[], linq: LinqGateway): Promise<Map<string, OutboundKnowledge>> {
  const checkedAt = new Date();
  const results = await mapWithConcurrency(chatIds, OUTBOUND_CHECK_CONCURRENCY, (id) => linq.hasOutboundMessage(id));
  const answers = new Map<string, OutboundKnowledge>();
  const known: Array<{ chatId: string; hasOutbound: boolean }> = [];
  results.forEach((result, index) => {
    const chatId = chatIds[index]!;
    if (result.status === 'rejected') return void answers.set(chatId, 'unknown');
    answers.set(chatId, result.value ? 'yes' : 'no');
    known.push({ chatId, hasOutbound: result.value });
  });
  if (known.length > 0) {
    // Never turn "yes" back into "no": a chat that has had an outbound message keeps it.
    await db.$executeRaw`
      INSERT INTO "KnownChat" ("chatId", "hasOutbound", "checkedAt")
      SELECT id, outbound, ${checkedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
        FROM unnest(${known.map((k) => k.chatId)}::text[], ${known.map((k) => k.hasOutbound)}::boolean[]) AS t(id, outbound)
      ON CONFLICT ("chatId") DO UPDATE SET
        "hasOutbound" = ("KnownChat"."hasOutbound" IS TRUE) OR EXCLUDED."hasOutbound",
        "checkedAt" = EXCLUDED."checkedAt"`;
  }
  return answers;
}

/**
 * Keeps what a page of chats showed about each (line, service, health, left), so that the
 * overview can count eligible chats without asking Linq. One statement per page.
 */
async function rememberChats(chats: LinqChat[]): Promise<void> {
  if (chats.length === 0) return;
  const column = <T,>(pick: (chat: LinqChat) => T) => chats.map(pick);
  await db.$executeRaw`
    INSERT INTO "KnownChat" ("chatId", "sendingNumber", "service", "health", "hasLeft", "updatedAt")
    SELECT id, line, service, health, has_left, updated AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((c) => c.id)}::text[],
        ${column(sendingNumberOf)}::text[],
        ${column((c) => c.service)}::text[],
        ${column((c) => c.health)}::text[],
        ${column(hasLeftChat)}::boolean[],
        ${column((c) => c.updatedAt)}::timestamptz[]
      ) AS t(id, line, service, health, has_left, updated)
    ON CONFLICT ("chatId") DO UPDATE SET
      "sendingNumber" = EXCLUDED."sendingNumber", "service" = EXCLUDED."service", "health" = EXCLUDED."health",
      "hasLeft" = EXCLUDED."hasLeft", "updatedAt" = EXCLUDED."updatedAt"`;
}
