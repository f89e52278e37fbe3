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
