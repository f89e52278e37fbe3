import 'server-only';
import { db } from '@/lib/db';
import { decodeCursor, encodeCursor, type Keyset } from '@/lib/history/cursor';
import { dayRange } from '@/lib/history/day-range';
import { type HistoryFilters } from '@/lib/validations/history';

// Card changes, staff changes and runs: far fewer rows than shares, same newest-first keyset paging.

function keysetWhere(after: Keyset | null) {
  if (!after) return {};
  const createdAt = new Date(after.createdAt);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after.id } }] };
}

function createdWithin(filters: HistoryFilters) {
  const { since, until } = dayRange(filters);
  return since || until ? { createdAt: { ...(since && { gte: since }), ...(until && { lt: until }) } } : {};
}

function paged<T extends { id: string; createdAt: Date }>(rows: T[], pageSize: number) {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > pageSize && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
}

export async function readCardRevisionPage(filters: HistoryFilters, pageSize: number) {
  const rows = await db.cardRevision.findMany({
    where: {
      AND: [
        createdWithin(filters),
        filters.number ? { phoneNumber: filters.number } : {},
        filters.actor ? { actorId: filters.actor } : {},
        keysetWhere(decodeCursor(filters.cursor)),
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    include: { actor: { select: { name: true } } },
  });
  return paged(rows, pageSize);
}

export async function readStaffChangePage(filters: HistoryFilters, pageSize: number) {
  const rows = await db.staffChange.findMany({
    where: { AND: [createdWithin(filters), filters.actor ? { actorId: filters.actor } : {}, keysetWhere(decodeCursor(filters.cursor))] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    include: { actor: { select: { name: true } }, target: { select: { name: true, email: true } } },
  });
  return paged(rows, pageSize);
}

export type StaffChangeRow = Awaited<ReturnType<typeof readStaffChangePage>>['rows'][number];

export async function readSettingsChangePage(filters: HistoryFilters, pageSize: number) {
  const rows = await db.settingsChange.findMany({
    where: { AND: [createdWithin(filters), filters.actor ? { actorId: filters.actor } : {}, keysetWhere(decodeCursor(filters.cursor))] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    include: { actor: { select: { name: true } } },
  });
  return paged(rows, pageSize);
}

export type SettingsChangeRow = Awaited<ReturnType<typeof readSettingsChangePage>>['rows'][number];

/** Bulk and scheduled share runs, newest first; the actor is who started them. */
export async function readRunPage(filters: HistoryFilters, pageSize: number) {
  const rows = await db.shareRun.findMany({
    where: { AND: [createdWithin(filters), filters.actor ? { createdById: filters.actor } : {}, keysetWhere(decodeCursor(filters.cursor))] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    include: { createdBy: { select: { name: true } } },
  });
  return paged(rows, pageSize);
}

export type RunRow = Awaited<ReturnType<typeof readRunPage>>['rows'][number];

/** Alerts raised (Settings → Alerts), newest first, with how each channel's delivery went. */
export async function readAlertPage(filters: HistoryFilters, pageSize: number) {
  const rows = await db.alert.findMany({
    where: { AND: [createdWithin(filters), keysetWhere(decodeCursor(filters.cursor))] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: pageSize + 1,
    include: { deliveries: { orderBy: { channel: 'asc' } } },
  });
  return paged(rows, pageSize);
}

export type AlertRow = Awaited<ReturnType<typeof readAlertPage>>['rows'][number];
