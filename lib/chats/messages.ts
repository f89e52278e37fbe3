import 'server-only';
import { budgetSpentMessage, spendLinqBudget } from '@/lib/auth/linq-budget';
import { db } from '@/lib/db';
import { getLinq, readLinq, type LinqMessage, type LinqPage } from '@/lib/linq';
import type { LinqReadError } from '@/lib/linq/read';

// The last messages of a chat, read from Linq when someone opens the chat's panel (never on a page
// of chats), each read counted in that person's Linq budget.

/** Messages asked per page, pages at most, and messages shown. */
const MESSAGE_PAGE = 50;
const MAX_MESSAGE_PAGES = 3;
const SHOWN_MESSAGES = 10;

export type RecentMessages =
  | { ok: true; messages: LinqMessage[]; complete: boolean }
  | { ok: false; reason: 'unknown_chat'; error: string }
  | { ok: false; reason: 'budget'; error: string; retryAfterSeconds: number }
  | { ok: false; reason: 'linq'; error: LinqReadError };

/**
 * Whether the latest messages may lie on a later page. Linq does not document the order of this
 * list: a page running oldest to newest with more after it has not reached the latest yet. Pure.
 */
export function latestMayFollow(page: LinqPage<Pick<LinqMessage, 'createdAt'>>): boolean {
  if (!page.nextCursor || page.items.length < 2) return false;
  return Date.parse(page.items[0]!.createdAt) < Date.parse(page.items.at(-1)!.createdAt);
}

/** The newest messages first, whatever order the pages came in. Pure. */
export function newestFirst(messages: LinqMessage[], count = SHOWN_MESSAGES): LinqMessage[] {
  return [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id)).slice(0, count);
}

/**
 * Reads the chat's messages from Linq, a page at a time while the latest may be further on (at
 * most MAX_MESSAGE_PAGES), and keeps the newest. `complete` is false when it stopped before the end
 * of a list running oldest first. The caller has checked the session.
 */
export async function readRecentMessages(chatId: string, userId: string): Promise<RecentMessages> {
  // Only chats of the index: an id typed at random never reaches Linq nor spends the budget.
  if (!(await db.chat.findUnique({ where: { id: chatId }, select: { id: true } }))) {
    return { ok: false, reason: 'unknown_chat', error: 'This chat is not in the console’s index.' };
  }
  const messages: LinqMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
    const budget = spendLinqBudget(userId);
    if (!budget.ok) return { ok: false, reason: 'budget', error: budgetSpentMessage(budget.retryAfterSeconds), retryAfterSeconds: budget.retryAfterSeconds };
    const read = await readLinq(() => getLinq().listMessages(chatId, { limit: MESSAGE_PAGE, cursor }));
    if (!read.ok) return { ok: false, reason: 'linq', error: read.error };
    messages.push(...read.value.items);
    if (!latestMayFollow(read.value)) return { ok: true, messages: newestFirst(messages), complete: true };
    cursor = read.value.nextCursor!;
  }
  return { ok: true, messages: newestFirst(messages), complete: false };
}
