import { Prisma } from '@/generated/prisma/client';
import { shiftDate, zonedInstant } from '@/lib/time-zone';
import type { HistoryFilters } from '@/lib/validations/history';

/** Bounds of the chosen days in their zone: [from 00:00, the day after `to` 00:00), as instants. */
export function dayRange(filters: Pick<HistoryFilters, 'from' | 'to' | 'tz'>): { since?: Date; until?: Date } {
  const zone = filters.tz ?? 'UTC';
  return {
    since: filters.from ? zonedInstant(filters.from, '00:00', zone) : undefined,
    until: filters.to ? zonedInstant(shiftDate(filters.to, 1), '00:00', zone) : undefined,
  };
}

/**
 * An instant as SQL for a timestamp column. Timestamps are stored as UTC without a zone (as Prisma
 * does); compared as UTC explicitly, the database session's time zone can never shift them.
 */
export function utcSql(date: Date | string): Prisma.Sql {
  return Prisma.sql`(${typeof date === 'string' ? date : date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
