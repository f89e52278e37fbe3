import 'server-only';
import { forbidden } from 'next/navigation';
import { requirePermission } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { db } from '@/lib/db';
import { getCardRevisionPage, getSettingsChangePage, getStaffChangePage } from '@/lib/history/audit';
import { getShareHistoryPage } from '@/lib/history/shares';
import { HISTORY_PAGE_SIZE, type HistoryFilters } from '@/lib/validations/history';

export async function getShareHistory(filters: HistoryFilters) {
  await requirePermission('view');
  return getShareHistoryPage(filters, HISTORY_PAGE_SIZE);
}

export async function getCardHistory(filters: HistoryFilters) {
  await requirePermission('view');
  return getCardRevisionPage(filters, HISTORY_PAGE_SIZE);
}

/** Staff changes name accounts and roles: admins only. */
export async function getStaffHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  if (!can(user.role, 'manageStaff')) forbidden();
  return getStaffChangePage(filters, HISTORY_PAGE_SIZE);
}

/** Settings changes (webhooks, later schedules): admins only, like the settings themselves. */
export async function getSettingsHistory(filters: HistoryFilters) {
  const user = await requirePermission('view');
  if (!can(user.role, 'manageSettings')) forbidden();
  return getSettingsChangePage(filters, HISTORY_PAGE_SIZE);
}

/** Who can be filtered on (everyone who ever acted), and the numbers seen in shares. */
export async function getHistoryFilterOptions() {
  await requirePermission('view');
  const [actors, numbers] = await Promise.all([
    db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { name: 'asc' } }),
    db.sendingLine.findMany({ select: { phoneNumber: true }, orderBy: { phoneNumber: 'asc' } }),
  ]);
  return { actors, numbers: numbers.map((n) => n.phoneNumber) };
}
