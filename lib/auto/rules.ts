import 'server-only';
import type { AutoShareRule } from '@/generated/prisma/client';
import { raiseAlert } from '@/lib/alerts/raise';
import type { AutoTiming } from '@/lib/auto/timing';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { isAccountNumber } from '@/lib/lines/store';
import { OWNER_SELECT, ownerCanShare } from '@/lib/runs/owner';
import { currentZoneName } from '@/lib/time-zone-names';
import type { AutoShareForm } from '@/lib/validations/auto-share';

// A number's automatic share: its settings, who set it up, and every change audited (who, before,
// after), like the daily re-share's.

export type AutoShareSettings = Pick<
  AutoShareRule,
  'enabled' | 'trigger' | 'delayMinutes' | 'quietStart' | 'quietEnd' | 'timeZone' | 'includeGroups' | 'dailyCap'
>;

/** A number without a rule yet: off; after our first message, 2 minutes on; quiet 21:00–08:00; 100 a day. */
export const DEFAULT_AUTO_SHARE: AutoShareSettings = {
  enabled: false,
  trigger: 'FIRST_OUTBOUND',
  delayMinutes: 2,
  quietStart: '21:00',
  quietEnd: '08:00',
  timeZone: 'UTC',
  includeGroups: false,
  dailyCap: 100,
};

export interface SavedAutoShare extends AutoShareSettings {
  /** Whether it was ever saved (else the defaults, and the form offers the viewer's zone). */
  saved: boolean;
  enabledAt: Date | null;
  /** Who set it up: its shares are made in their name. */
  owner: { name: string; canShare: boolean } | null;
}

const settingsOf = (rule: AutoShareSettings): AutoShareSettings => ({
  enabled: rule.enabled,
  trigger: rule.trigger,
  delayMinutes: rule.delayMinutes,
  quietStart: rule.quietStart,
  quietEnd: rule.quietEnd,
  timeZone: rule.timeZone,
  includeGroups: rule.includeGroups,
  dailyCap: rule.dailyCap,
});

export async function readAutoShareRule(phoneNumber: string): Promise<SavedAutoShare> {
  const rule = await db.autoShareRule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
  if (!rule) return { ...DEFAULT_AUTO_SHARE, saved: false, enabledAt: null, owner: null };
  return {
    ...settingsOf(rule),
    // A zone saved under a name the runtime has since renamed reads as the current name.
    timeZone: currentZoneName(rule.timeZone),
    saved: true,
    enabledAt: rule.enabledAt,
    owner: { name: rule.updatedBy.name, canShare: ownerCanShare(rule.updatedBy, [phoneNumber]) },
  };
}

/** The rule's timing, as the pure functions of timing.ts take it. */
export function timingOf(rule: Pick<AutoShareSettings, 'delayMinutes' | 'quietStart' | 'quietEnd' | 'timeZone'>): AutoTiming {
  return {
    delayMinutes: rule.delayMinutes,
    minuteMs: getSettings().autoShareMinuteMs,
    quiet: rule.quietStart && rule.quietEnd ? { start: rule.quietStart, end: rule.quietEnd } : null,
    timeZone: currentZoneName(rule.timeZone),
  };
}

export class AutoShareError extends Error {
  override name = 'AutoShareError';
}

/**
 * Saves a number's automatic share (one of the account's own numbers) and records the change. The
 * saver becomes its owner. Switching it on starts from now: only conversations that reach the
 * trigger from then on qualify. Switching it off skips what was waiting, at once.
 */
export async function saveAutoShareRule(form: AutoShareForm, actorId: string, now = new Date()): Promise<{ changed: boolean }> {
  const { phoneNumber, ...settings } = form;
  if (!(await isAccountNumber(phoneNumber))) throw new AutoShareError(`${phoneNumber} is not one of your Linq account’s numbers: refresh the page.`);
  return db.$transaction(async (tx) => {
    const before = await tx.autoShareRule.findUnique({ where: { phoneNumber }, include: { updatedBy: { select: OWNER_SELECT } } });
    const beforeSettings = before && settingsOf({ ...before, timeZone: currentZoneName(before.timeZone) });
    const takingOver = Boolean(before && before.updatedById !== actorId && !ownerCanShare(before.updatedBy, [phoneNumber]));
    const settingsChanged = !beforeSettings || JSON.stringify(beforeSettings) !== JSON.stringify(settings);
    if (!settingsChanged && !takingOver) return { changed: false };
    const switchedOn = settings.enabled && !before?.enabled;
    const enabledAt = switchedOn ? now : settings.enabled ? before!.enabledAt : null;
    await tx.autoShareRule.upsert({
      where: { phoneNumber },
      create: { phoneNumber, ...settings, enabledAt, updatedById: actorId },
      update: { ...settings, enabledAt, updatedById: actorId },
    });
    if (!settings.enabled && before?.enabled) {
      await tx.autoShare.updateMany({ where: { phoneNumber, state: 'WAITING' }, data: { state: 'SKIPPED', reason: 'rule_off' } });
    }
    await tx.settingsChange.create({
      data: {
        kind: 'AUTO_SHARE_CHANGED',
        actorId,
        subject: phoneNumber,
        before: beforeSettings ? { ...beforeSettings, ...(takingOver && { owner: before!.updatedBy.name }) } : { ...DEFAULT_AUTO_SHARE },
        after: { ...settings },
      },
    });
    return { changed: true };
  });
}

/** The latest changes to a number's automatic share, for its card page. */
export function recentAutoShareChanges(phoneNumber: string, take = 5) {
  return db.settingsChange.findMany({
    where: { kind: 'AUTO_SHARE_CHANGED', subject: phoneNumber },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    include: { actor: { select: { name: true } } },
  });
}

export interface PauseState {
  paused: boolean;
  changedAt: Date | null;
  changedBy: string | null;
}

export async function readAutoSharePause(): Promise<PauseState> {
  const row = await db.autoSharePause.findUnique({ where: { id: 'account' } });
  if (!row) return { paused: false, changedAt: null, changedBy: null };
  const by = row.changedById ? await db.user.findUnique({ where: { id: row.changedById }, select: { name: true } }) : null;
  return { paused: row.paused, changedAt: row.changedAt, changedBy: by?.name ?? null };
}

/** Pauses or resumes every automatic share of the account; audited. False when it already was so. */
export async function setAutoSharePause(paused: boolean, actorId: string): Promise<boolean> {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.autoSharePause.findUnique({ where: { id: 'account' } });
    if ((before?.paused ?? false) === paused) return false;
    await tx.autoSharePause.upsert({
      where: { id: 'account' },
      create: { id: 'account', paused, changedById: actorId, changedAt: new Date() },
      update: { paused, changedById: actorId, changedAt: new Date() },
    });
    await tx.settingsChange.create({
      data: { kind: paused ? 'AUTO_SHARES_PAUSED' : 'AUTO_SHARES_RESUMED', actorId, before: { paused: !paused }, after: { paused } },
    });
    return true;
  });
  if (changed && paused) {
    const actor = await db.user.findUnique({ where: { id: actorId }, select: { name: true } });
    await raiseAlert({
      event: 'AUTO_SHARES_PAUSED',
      key: `auto-paused:${new Date().toISOString()}:${actorId}`,
      title: 'Automatic shares are paused',
      detail: `${actor?.name ?? 'An admin'} paused every automatic share of the account. Shares that come due wait, and go out once someone resumes them in Settings.`,
      link: '/settings',
    });
  }
  return changed;
}
