import 'server-only';
import { countChatIndex, type FacetCounts } from '@/lib/chats/index-counts';
import { queryChatIndex, queryChatRows, type ChatIndexPage, type ChatRow } from '@/lib/chats/index-query';
import { readIndexStatus, type IndexStatus } from '@/lib/chats/index-status';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { queryShareEvents, type ShareHistoryRow } from '@/lib/history/shares';
import { listLines, type LineSummary } from '@/lib/lines/store';
import { numberWhere, type NumberScope } from '@/lib/number-scope';
import type { ChatPageQuery } from '@/lib/validations/chats';

export interface ChatsView extends ChatIndexPage {
  lines: LineSummary[];
  cooldownMs: number;
  status: IndexStatus;
  /** When the server read the view: the time eligibility is judged at until the browser's clock takes over. */
  generatedAt: string;
  /** Rows still on the person's screen that no longer match the view, as they are now (read by id). */
  departed?: ChatRow[];
}

// What the Chats page and its route handlers read from the index (no Linq call). These reads do
// not check the session: their callers (lib/data/chats.ts, the route handlers) have.

/** The Chats page from the index. */
export async function readChatsView(query: ChatPageQuery, scope: NumberScope): Promise<ChatsView> {
  const cooldownMs = getSettings().shareCooldownMs;
  const now = new Date();
  const [page, lines, status] = await Promise.all([queryChatIndex(query, scope, cooldownMs, now), listLines(scope), readIndexStatus(scope)]);
  return { ...page, lines, cooldownMs, status, generatedAt: now.toISOString() };
}

/** Chats still on screen that a refresh of their view no longer matches, as they are now. */
export function readChatRows(ids: string[], scope: NumberScope): Promise<ChatRow[]> {
  return queryChatRows(ids, scope);
}

/** A chat's panel: its row of the index, and who wrote last and when (no Linq call). */
export interface ChatPanel {
  row: ChatRow;
  cooldownMs: number;
  generatedAt: string;
  lastOutboundAt: string | null;
  firstSeenAt: string;
  /** Linq no longer lists it (kept for its history). */
  goneAt: string | null;
}

/** A chat's panel, or null when there is no such chat within the scope. */
export async function readChatPanel(chatId: string, scope: NumberScope): Promise<ChatPanel | null> {
  const [[row], more] = await Promise.all([
    queryChatRows([chatId], scope),
    db.chat.findUnique({ where: { id: chatId }, select: { lastOutboundAt: true, firstSeenAt: true, goneAt: true } }),
  ]);
  if (!row || !more) return null;
  return {
    row,
    cooldownMs: getSettings().shareCooldownMs,
    generatedAt: new Date().toISOString(),
    lastOutboundAt: more.lastOutboundAt?.toISOString() ?? null,
    firstSeenAt: more.firstSeenAt.toISOString(),
    goneAt: more.goneAt?.toISOString() ?? null,
  };
}

/**
 * Whether a person with this scope may read or act on a chat: a chat of another number answers as
 * one that does not exist (its id tells them nothing).
 */
export async function chatWithinScope(chatId: string, scope: NumberScope): Promise<boolean> {
  if (scope === null) return true;
  return (await db.chat.count({ where: { id: chatId, sendingNumber: numberWhere(scope) } })) === 1;
}

/** The counts beside the filter values. */
export async function readChatCounts(query: ChatPageQuery, scope: NumberScope): Promise<FacetCounts> {
  const lines = (await listLines(scope)).map((line) => line.phoneNumber);
  return countChatIndex(query, scope, getSettings().shareCooldownMs, lines);
}

export interface HoldRelease {
  id: string;
  createdAt: string;
  actorName: string;
  /** Why the operator released it, in their words. */
  reason: string;
}

/**
 * A chat's share attempts, newest first (History's query, scoped to the chat), and the holds staff
 * released. Callers check the session first.
 */
/** A share attempt as a chat's drawer shows it: who by name, never their email (viewers read it too). */
export type ChatShareEvent = Omit<ShareHistoryRow, 'actorEmail'>;

export async function readChatShares(chatId: string, scope: NumberScope): Promise<{ events: ChatShareEvent[]; releases: HoldRelease[] }> {
  const [rows, releases] = await Promise.all([
    queryShareEvents({ chatId, scope }, null, 50),
    db.shareHoldRelease.findMany({ where: { chatId }, orderBy: { createdAt: 'desc' }, take: 50, include: { actor: { select: { name: true } } } }),
  ]);
  const events = rows.map(({ actorEmail: _email, ...event }) => event);
  return { events, releases: releases.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), actorName: r.actor.name, reason: r.reason })) };
}
