import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { decodeCursor, encodeCursor, type Keyset } from '@/lib/history/cursor';
import { dayRange, utcSql } from '@/lib/history/day-range';
import type { ScopedHistoryFilters } from '@/lib/history/shares';
import { numbersWithin, numberWhere } from '@/lib/number-scope';
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

export async function readCardRevisionPage(filters: ScopedHistoryFilters, pageSize: number) {
  const rows = await db.cardRevision.findMany({
    where: {
      AND: [
        { phoneNumber: numberWhere(filters.scope) },
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

/**
 * Bulk and scheduled share runs the reader may see (all their numbers are the reader's), newest
 * first; the actor is who started them. The page is chosen in SQL (Prisma cannot say "every number
 * of the run is one of these"), then read with its owner.
 */
export async function readRunPage(filters: ScopedHistoryFilters, pageSize: number) {
  const sql = Prisma.sql;
  const { since, until } = dayRange(filters);
  const after = decodeCursor(filters.cursor);
  const conditions = [
    numbersWithin(filters.scope, sql`r."numbers"`),
    ...(since ? [sql`r."createdAt" >= ${utcSql(since)}`] : []),
    ...(until ? [sql`r."createdAt" < ${utcSql(until)}`] : []),
    ...(filters.actor ? [sql`r."createdById" = ${filters.actor}`] : []),
    ...(after ? [sql`(r."createdAt", r."id") < (${utcSql(after.createdAt)}, ${after.id})`] : []),
  ];
  const chosen = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r."id" FROM "ShareRun" r WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${pageSize + 1}`;
  const rows = await db.shareRun.findMany({
    where: { id: { in: chosen.map((run) => run.id) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
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
