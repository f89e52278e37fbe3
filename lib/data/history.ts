import 'server-only';
import { forbidden } from 'next/navigation';
import { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { readAlertPage, readCardRevisionPage, readRunPage, readSettingsChangePage, readStaffChangePage } from '@/lib/history/audit';
import { readShareHistoryPage } from '@/lib/history/shares';
import { listLines } from '@/lib/lines/store';
import { numberWithin } from '@/lib/number-scope';
import { can } from '@/lib/roles';
import { runTitle } from '@/lib/runs/phase';
import { HISTORY_PAGE_SIZE, parseHistoryFilters, type HistoryFilters } from '@/lib/validations/history';

// Shares, card changes and runs: of the reader's numbers only (a person limited to some).
export async function getShareHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  return readShareHistoryPage({ ...filters, scope: user.numbers }, HISTORY_PAGE_SIZE);
}

export async function getCardHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  return readCardRevisionPage({ ...filters, scope: user.numbers }, HISTORY_PAGE_SIZE);
}

export async function getRunHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  return readRunPage({ ...filters, scope: user.numbers }, HISTORY_PAGE_SIZE);
}

/** Staff changes name accounts and roles: admins only. */
export async function getStaffHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  if (!can(user.role, 'manageStaff')) forbidden();
  return readStaffChangePage(filters, HISTORY_PAGE_SIZE);
}

/** Settings changes (webhooks, later schedules): admins only, like the settings themselves. */
export async function getSettingsHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  if (!can(user.role, 'manageSettings')) forbidden();
  return readSettingsChangePage(filters, HISTORY_PAGE_SIZE);
}

/** Alerts: admins only, like Settings → Alerts. */
export async function getAlertHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  if (!can(user.role, 'manageSettings')) forbidden();
  return readAlertPage(filters, HISTORY_PAGE_SIZE);
}

/** The runs History's run picker offers: the latest ones (any other is reached from its own page). */
const RUN_CHOICES = 50;

/**
 * Who and which runs can be filtered on (the latest runs), only staff who appear in records this person may read (shares and card
 * changes of their numbers; staff and settings changes too for admins), by name. Emails stay on the admins' Staff page.
 */
export async function getHistoryFilterOptions() {
  const user = await requirePermission('view');
  const scope = user.numbers;
  const audits = [
    ...(can(user.role, 'manageStaff') ? [Prisma.sql`EXISTS (SELECT 1 FROM "StaffChange" x WHERE x."actorId" = u."id")`] : []),
    ...(can(user.role, 'manageSettings') ? [Prisma.sql`EXISTS (SELECT 1 FROM "SettingsChange" x WHERE x."actorId" = u."id")`] : []),
  ];
  const [actors, numbers, runs] = await Promise.all([
    // One index probe per staff member, not a scan of every record.
    db.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT u."id", u."name" FROM "User" u
       WHERE EXISTS (SELECT 1 FROM "ShareEvent" x WHERE x."actorId" = u."id" AND ${numberWithin(scope, Prisma.sql`x."sendingNumber"`)})
          OR EXISTS (SELECT 1 FROM "CardRevision" x WHERE x."actorId" = u."id" AND ${numberWithin(scope, Prisma.sql`x."phoneNumber"`)})
          ${audits.length ? Prisma.sql`OR ${Prisma.join(audits, ' OR ')}` : Prisma.empty}
       ORDER BY u."name", u."id"`,
    listLines(scope),
    readRunPage({ ...parseHistoryFilters({ tab: 'runs' }), scope }, RUN_CHOICES).then((page) => page.rows),
  ]);
  return {
    actors,
    numbers: numbers.map((n) => n.phoneNumber),
    runs: runs.map((run) => ({ id: run.id, title: runTitle(run, run.createdBy.name), createdAt: run.createdAt.toISOString(), total: run.total })),
    /** SHARE_HISTORY_MONTHS: share attempts older than this are deleted (undefined: kept for ever). */
    shareHistoryMonths: getSettings().shareHistoryMonths,
  };
}
