import 'server-only';
import type { AutoShare, AutoShareState } from '@/generated/prisma/client';
import { raiseAlert } from '@/lib/alerts/raise';
import { timingOf } from '@/lib/auto/rules';
import { capDayOf, inQuietHours, isStale, nextCapDayStart, quietHoursEnd } from '@/lib/auto/timing';
import { db } from '@/lib/db';
import { faultPoint } from '@/lib/faults';
import type { LinqGateway } from '@/lib/linq';
import { logger } from '@/lib/observability/log';
import { queueAutoShare } from '@/lib/queue/send';
import { itemOutcome, MAX_ATTEMPTS, retryDelayMs, type ItemOutcome, type ItemState } from '@/lib/runs/outcome';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { shareIntoChat } from '@/lib/shares/share-chat';
import type { CardCache } from '@/lib/shares/share-checks';

// One chat's automatic share at its due time. Everything that may stop or move it is decided here,
// in order, from the database: the rule off or the conversation too old (skipped), the account's
// pause or an owner who can no longer share (held, and shown so), quiet hours and the daily cap
// (moved on, and shown as waiting), a chat the rules never share into (skipped). Then it is claimed
// (counted against the cap, under a lease) and goes through shareIntoChat like any share, with
// source Automatic: a chat no longer eligible then is skipped with the share's reason.

/** A claim lapses after this long unless its attempt ended: the tick then settles it (lib/auto/upkeep). */
export const AUTO_CLAIM_LEASE_MS = 90_000;
/** A flagged number's shares look again this much later. */
const FLAGGED_RECHECK_MS = 15 * 60_000;

/** Each number's card is read once a minute for this instance's automatic shares (a card switched off is noticed then). */
const CARD_FRESH_MS = 60_000;
const cards: { cache: CardCache; readAt: number } = { cache: new Map(), readAt: 0 };

function cardCache(): CardCache {
  if (Date.now() - cards.readAt > CARD_FRESH_MS) Object.assign(cards, { cache: new Map(), readAt: Date.now() });
  return cards.cache;
}

export interface AutoContext {
  linq: LinqGateway;
  now?: () => Date;
}

/** What became of a due share, for the job's log. */
export type AutoStep =
  | { kind: 'nothing' }
  | { kind: 'held'; reason: 'paused' | 'owner' }
  | { kind: 'moved'; reason: string; dueAt: Date }
  | { kind: 'ended'; state: AutoShareState; reason: string | null };

/** The conditions on the chat itself that the rule never shares into, from the index. */
function neverInto(chat: { goneAt: Date | null; hasLeft: boolean; health: string | null; isGroup: boolean } | null, includeGroups: boolean): string | null {
  if (!chat || chat.goneAt) return 'gone';
  if (chat.hasLeft) return 'left';
  if (chat.health === 'OPTED_OUT') return 'opted_out';
  if (chat.health === 'CRITICAL') return 'critical';
  if (chat.isGroup && !includeGroups) return 'group';
  return null;
}

async function moveOn(row: AutoShare, reason: string, dueAt: Date): Promise<AutoStep> {
  const moved = await db.autoShare.updateMany({ where: { chatId: row.chatId, state: 'WAITING' }, data: { dueAt, reason } });
  if (moved.count === 1) await queueAutoShare(row.chatId, dueAt);
  return { kind: 'moved', reason, dueAt };
}

async function hold(row: AutoShare, reason: 'paused' | 'owner'): Promise<AutoStep> {
  await db.autoShare.updateMany({ where: { chatId: row.chatId, state: 'WAITING' }, data: { reason } });
  return { kind: 'held', reason };
}

async function skip(row: AutoShare, reason: string): Promise<AutoStep> {
  await db.autoShare.updateMany({ where: { chatId: row.chatId, state: 'WAITING' }, data: { state: 'SKIPPED', reason } });
  return { kind: 'ended', state: 'SKIPPED', reason };
}

/**
 * Claims the share if the number's cap for the local day has room: under a lock per number, the
 * claims and shares of that day are counted and this one joins them in the same transaction, so
 * that instances claiming at once never pass the cap together.
 */
async function claim(row: AutoShare, capDay: string, cap: number, now: Date): Promise<{ attempts: number; attemptEventId: string } | null> {
  const leaseUntil = new Date(now.getTime() + AUTO_CLAIM_LEASE_MS);
  const [, claimed] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`auto-share:${row.phoneNumber}`}))`,
    db.$queryRaw<Array<{ attempts: number; attemptEventId: string }>>`
      UPDATE "AutoShare" SET "state" = 'SENDING', "capDay" = ${capDay}, "attempts" = "attempts" + 1, "leaseUntil" = ${leaseUntil}::timestamp,
             "attemptEventId" = 'se_' || replace(gen_random_uuid()::text, '-', ''), "reason" = NULL, "updatedAt" = ${now}::timestamp
       WHERE "chatId" = ${row.chatId} AND "state" = 'WAITING'
         AND (SELECT count(*) FROM "AutoShare" d
               WHERE d."phoneNumber" = ${row.phoneNumber} AND d."capDay" = ${capDay} AND d."state" IN ('SENDING', 'SHARED', 'UNKNOWN')) < ${cap}
       RETURNING "attempts", "attemptEventId"`,
  ]);
  return claimed[0] ?? null;
}

const FINAL: Partial<Record<ItemState, AutoShareState>> = { SHARED: 'SHARED', UNKNOWN: 'UNKNOWN', REFUSED: 'SKIPPED', FAILED: 'FAILED' };

/**
 * Ends a claim as its share ended, if it is still this attempt's. A share to try again later (a
 * 5xx, Linq's 429) goes back to waiting and gives its place in the day's cap back.
 */
export async function endClaim(chatId: string, attempts: number, outcome: ItemOutcome, eventId: string | null, now: Date): Promise<AutoStep> {
  const final = FINAL[outcome.state];
  if (final) {
    await db.autoShare.updateMany({
      where: { chatId, state: 'SENDING', attempts },
      data: { state: final, reason: outcome.reason, eventId: eventId ?? undefined, attemptEventId: null, leaseUntil: null },
    });
    return { kind: 'ended', state: final, reason: outcome.reason };
  }
  const rateLimited = outcome.pauseSeconds !== undefined;
  const dueAt = new Date(now.getTime() + (rateLimited ? outcome.pauseSeconds! * 1000 : (outcome.retryInMs ?? 0)));
  const reason = rateLimited ? 'rate_limited' : 'retry';
  const moved = await db.autoShare.updateMany({
    where: { chatId, state: 'SENDING', attempts },
    data: {
      state: 'WAITING',
      reason,
      dueAt,
      capDay: null,
      attemptEventId: null,
      leaseUntil: null,
      eventId: eventId ?? undefined,
      // Linq's 429 is not the chat's attempt.
      ...(rateLimited && { attempts: attempts - 1 }),
    },
  });
  if (moved.count === 1) await queueAutoShare(chatId, dueAt);
  return { kind: 'moved', reason, dueAt };
}

/** The first share a number's daily cap holds back alerts, once per number and day (Settings → Alerts). */
async function alertCapReached(phoneNumber: string, capDay: string, cap: number, timeZone: string, resumesAt: Date): Promise<void> {
  await raiseAlert({
    event: 'AUTO_SHARES_PAUSED',
    key: `auto-cap:${phoneNumber}:${capDay}`,
    title: `Automatic shares of ${phoneNumber} reached today’s cap`,
    detail: `${cap} automatic shares on ${capDay} (${timeZone}). Those that come due wait until ${resumesAt.toISOString().replace('T', ' ').slice(0, 16)} UTC; the number’s card page can raise the cap.`,
    link: `/cards/${encodeURIComponent(phoneNumber)}`,
  });
}

/** Carries out a chat's automatic share if it is due; safe to call any number of times. */
export async function runAutoShare(chatId: string, ctx: AutoContext): Promise<AutoStep> {
  const now = ctx.now?.() ?? new Date();
  const row = await db.autoShare.findUnique({ where: { chatId } });
  if (!row || row.state !== 'WAITING') return { kind: 'nothing' };
  // An early job (the share was moved on since): it waits for its time.
  if (row.dueAt.getTime() > now.getTime() + 1_000) {
    await queueAutoShare(chatId, row.dueAt);
    return { kind: 'moved', reason: row.reason ?? 'delay', dueAt: row.dueAt };
  }

  const [rule, pause, chat, line] = await Promise.all([
    db.autoShareRule.findUnique({ where: { phoneNumber: row.phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } }),
    db.autoSharePause.findUnique({ where: { id: 'account' } }),
    db.chat.findUnique({ where: { id: chatId }, select: { goneAt: true, hasLeft: true, health: true, isGroup: true, sendingNumber: true } }),
    db.sendingLine.findUnique({ where: { phoneNumber: row.phoneNumber }, select: { status: true } }),
  ]);
  if (!rule?.enabled) return skip(row, 'rule_off');
  if (isStale(row.triggeredAt, now)) return skip(row, 'stale');
  if (pause?.paused) return hold(row, 'paused');
  if (!ownerCanShare(rule.updatedBy, [rule.phoneNumber])) return hold(row, 'owner');

  const timing = timingOf(rule);
  if (timing.quiet && inQuietHours(now, timing.quiet, timing.timeZone)) return moveOn(row, 'quiet_hours', quietHoursEnd(now, timing.quiet, timing.timeZone));
  const never = neverInto(chat, rule.includeGroups) ?? (chat?.sendingNumber !== row.phoneNumber ? 'number_changed' : null);
  if (never) return skip(row, never);
  if (line?.status === 'FLAGGED') return moveOn(row, 'line_flagged', new Date(now.getTime() + FLAGGED_RECHECK_MS));

  const capDay = capDayOf(now, timing.timeZone);
  const claimed = await claim(row, capDay, rule.dailyCap, now);
  if (!claimed) {
    const current = await db.autoShare.findUnique({ where: { chatId }, select: { state: true } });
    // Another worker took it meanwhile; else the day's cap is full.
    if (current?.state !== 'WAITING') return { kind: 'nothing' };
    const resumesAt = nextCapDayStart(now, timing);
    await alertCapReached(row.phoneNumber, capDay, rule.dailyCap, timing.timeZone, resumesAt);
    return moveOn(row, 'cap', resumesAt);
  }
  faultPoint('auto.claimed');

  let outcome: ItemOutcome;
  let eventId: string | null = null;
  try {
    const result = await shareIntoChat(rule.updatedById, chatId, {
      linq: ctx.linq,
      source: 'AUTOMATIC',
      eventId: claimed.attemptEventId,
      cardCache: cardCache(),
    });
    eventId = result.eventId;
    outcome = itemOutcome(result, claimed.attempts);
  } catch (error) {
    logger('auto').error({ err: error, chatId }, 'automatic share failed');
    outcome =
      claimed.attempts < MAX_ATTEMPTS
        ? { state: 'RETRY', reason: 'console_error', retryInMs: retryDelayMs(claimed.attempts) }
        : { state: 'FAILED', reason: 'console_error' };
  }
  return endClaim(chatId, claimed.attempts, outcome, eventId, ctx.now?.() ?? new Date());
}
