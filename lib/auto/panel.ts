import 'server-only';
import { Prisma, type AutoTrigger } from '@/generated/prisma/client';
import { readAutoSharePause, readAutoShareRule, recentAutoShareChanges, type PauseState, type SavedAutoShare } from '@/lib/auto/rules';
import { capDayOf } from '@/lib/auto/timing';
import { reachedTrigger, triggerMoment } from '@/lib/auto/triggers';
import { db } from '@/lib/db';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { localDate, shiftDate } from '@/lib/time-zone';

// What the card page shows of a number's automatic share: the preview the form's choices give (from
// the same conditions the trigger is decided with), what waits and why, and today's use of the cap.

/** Days the preview looks back over. */
export const PREVIEW_DAYS = 7;

/** Conversations that reached each trigger on each of the last days (oldest first), with and without group chats. */
export type PreviewCounts = Record<AutoTrigger, { withGroups: number[]; withoutGroups: number[] }>;

export interface WaitingShare {
  chatId: string;
  label: string;
  dueAt: Date;
  reason: string | null;
}

export interface AutoSharePanel {
  rule: SavedAutoShare;
  pause: PauseState;
  preview: PreviewCounts;
  /** Shares waiting (and being sent), by what they wait for ('delay' when only their delay). */
  waitingBy: Record<string, number>;
  /** The soonest waiting shares. */
  next: WaitingShare[];
  /** Sent today (the rule's local day) against the cap. */
  sentToday: number;
  /** Since the rule was last switched on, by outcome, and (skipped or failed) by reason. */
  outcomes: Array<{ state: string; reason: string | null; count: number }>;
  changes: Awaited<ReturnType<typeof recentAutoShareChanges>>;
}

async function previewCounts(phoneNumber: string, timeZone: string, now: Date): Promise<PreviewCounts> {
  const today = localDate(now, timeZone);
  const days = Array.from({ length: PREVIEW_DAYS }, (_, i) => shiftDate(today, i - PREVIEW_DAYS + 1));
  const since = new Date(now.getTime() - PREVIEW_DAYS * 86_400_000);
  const counts = {} as PreviewCounts;
  for (const trigger of ['FIRST_OUTBOUND', 'FIRST_REPLY'] as const) {
    const rows = await db.$queryRaw<Array<{ day: string; groups: number; singles: number }>>`
      SELECT to_char((${triggerMoment(Prisma.sql`${trigger}`)}) AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS "day",
             count(*) FILTER (WHERE c."isGroup")::int AS "groups", count(*) FILTER (WHERE NOT c."isGroup")::int AS "singles"
        FROM "Chat" c
       WHERE c."sendingNumber" = ${phoneNumber} AND c."activityAt" >= ${since}::timestamp
         AND ${reachedTrigger({ since: Prisma.sql`${since}::timestamp`, trigger: Prisma.sql`${trigger}`, includeGroups: Prisma.sql`true` })}
         -- Shares into these would be skipped at their time.
         AND NOT c."hasLeft" AND c."health" IS DISTINCT FROM 'OPTED_OUT' AND c."health" IS DISTINCT FROM 'CRITICAL'
       GROUP BY 1`;
    const byDay = new Map(rows.map((row) => [row.day, row]));
    counts[trigger] = {
      withoutGroups: days.map((day) => byDay.get(day)?.singles ?? 0),
      withGroups: days.map((day) => (byDay.get(day)?.singles ?? 0) + (byDay.get(day)?.groups ?? 0)),
    };
  }
  return counts;
}

/** The number's automatic share as its card page shows it. */
export async function readAutoSharePanel(phoneNumber: string, now = new Date()): Promise<AutoSharePanel> {
  const [rule, pause, changes] = await Promise.all([readAutoShareRule(phoneNumber), readAutoSharePause(), recentAutoShareChanges(phoneNumber)]);
  const capDay = capDayOf(now, rule.timeZone);
  const [preview, waiting, next, sentToday, outcomes] = await Promise.all([
    previewCounts(phoneNumber, rule.timeZone, now),
    db.autoShare.groupBy({ by: ['reason', 'state'], where: { phoneNumber, state: { in: ['WAITING', 'SENDING'] } }, _count: { _all: true } }),
    db.$queryRaw<WaitingShare[]>`
      SELECT a."chatId", COALESCE(NULLIF(c."displayName", ''), array_to_string(c."participants", ', '), a."chatId") AS "label", a."dueAt", a."reason"
        FROM "AutoShare" a LEFT JOIN "Chat" c ON c."id" = a."chatId"
       WHERE a."phoneNumber" = ${phoneNumber} AND a."state" = 'WAITING'
       ORDER BY a."dueAt", a."chatId" LIMIT 10`,
    db.autoShare.count({ where: { phoneNumber, capDay, state: { in: ['SENDING', 'SHARED', 'UNKNOWN'] } } }),
    rule.enabledAt
      ? db.autoShare.groupBy({
          by: ['state', 'reason'],
          where: { phoneNumber, createdAt: { gte: rule.enabledAt }, state: { in: ['SHARED', 'UNKNOWN', 'SKIPPED', 'FAILED'] } },
          _count: { _all: true },
        })
      : Promise.resolve([]),
  ]);
  const waitingBy: Record<string, number> = {};
  for (const row of waiting) {
    const key = row.state === 'SENDING' ? 'sending' : (row.reason ?? 'delay');
    waitingBy[key] = (waitingBy[key] ?? 0) + row._count._all;
  }
  return {
    rule,
    pause,
    preview,
    waitingBy,
    next,
    sentToday,
    outcomes: outcomes.map((row) => ({ state: row.state, reason: row.reason, count: row._count._all })),
    changes,
  };
}

export interface AutoShareAccount {
  pause: PauseState;
  /** Numbers with automatic share on, with who set each up. */
  numbers: Array<{ phoneNumber: string; owner: string; ownerCanShare: boolean }>;
  waiting: number;
}

/** Automatic share across the account (Settings): the pause, the numbers it is on for, what waits. */
export async function readAutoShareAccount(): Promise<AutoShareAccount> {
  const [pause, rules, waiting] = await Promise.all([
    readAutoSharePause(),
    db.autoShareRule.findMany({ where: { enabled: true }, orderBy: { phoneNumber: 'asc' }, include: { updatedBy: { select: OWNER_SELECT } } }),
    db.autoShare.count({ where: { state: 'WAITING' } }),
  ]);
  return {
    pause,
    numbers: rules.map((rule) => ({
      phoneNumber: rule.phoneNumber,
      owner: rule.updatedBy.name,
      ownerCanShare: ownerCanShare(rule.updatedBy, [rule.phoneNumber]),
    })),
    waiting,
  };
}
