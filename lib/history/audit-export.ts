import 'server-only';
import { csvStream, type Cells } from '@/lib/csv';
import { readAlertPage, readCardRevisionPage, readRunPage, readSettingsChangePage, readStaffChangePage, type AlertRow } from '@/lib/history/audit';
import { encodeCursor } from '@/lib/history/cursor';
import type { ScopedHistoryFilters } from '@/lib/history/shares';
import type { HistoryFilters, HistoryTab } from '@/lib/validations/history';

// Card, staff and settings changes and runs as CSV, as History lists them (its filters, newest first),
// streamed a batch at a time like the shares' export (lib/history/export.ts).

const BATCH = 1_000;

type Row = { id: string; createdAt: Date };

/** Reads the next batch after the last row of the previous one, through the page's own keyset. */
function batches<T extends Row, F extends HistoryFilters>(filters: F, read: (filters: F, size: number) => Promise<{ rows: T[] }>) {
  return async (after: T | null) =>
    (await read({ ...filters, cursor: after ? encodeCursor({ createdAt: after.createdAt.toISOString(), id: after.id }) : undefined }, BATCH)).rows;
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const field = (value: unknown, key: string) => (value && typeof value === 'object' && key in value ? String((value as Record<string, unknown>)[key]) : null);

function cardChanges(filters: ScopedHistoryFilters) {
  const header = [
    'time_utc',
    'sending_number',
    'change',
    'outcome',
    'actor',
    'first_name_before',
    'first_name_after',
    'last_name_before',
    'last_name_after',
    'photo_before',
    'photo_after',
    'applied_utc',
    'linq_code',
    'http_status',
    'error',
    'trace_id',
  ];
  const cells = (row: Awaited<ReturnType<typeof readCardRevisionPage>>['rows'][number]): Cells => [
    iso(row.createdAt),
    row.phoneNumber,
    row.write,
    row.outcome,
    row.actor.name,
    row.beforeFirstName,
    row.afterFirstName,
    row.beforeLastName,
    row.afterLastName,
    row.beforeImageUrl,
    row.afterImageUrl,
    iso(row.appliedAt),
    row.linqCode,
    row.httpStatus,
    row.errorMessage,
    row.traceId,
  ];
  return csvStream(header, BATCH, batches(filters, readCardRevisionPage), cells);
}

function staffChanges(filters: HistoryFilters) {
  const header = ['time_utc', 'change', 'actor', 'staff_member', 'staff_email', 'role_before', 'disabled_before', 'role_after', 'disabled_after'];
  const cells = (row: Awaited<ReturnType<typeof readStaffChangePage>>['rows'][number]): Cells => [
    iso(row.createdAt),
    row.kind,
    row.actor?.name ?? 'The console',
    row.target.name,
    row.target.email,
    field(row.before, 'role'),
    field(row.before, 'disabled'),
    field(row.after, 'role'),
    field(row.after, 'disabled'),
  ];
  return csvStream(header, BATCH, batches(filters, readStaffChangePage), cells);
}

function settingsChanges(filters: HistoryFilters) {
  const header = ['time_utc', 'change', 'actor', 'subject', 'before', 'after'];
  const cells = (row: Awaited<ReturnType<typeof readSettingsChangePage>>['rows'][number]): Cells => [
    iso(row.createdAt),
    row.kind,
    row.actor.name,
    row.subject,
    json(row.before),
    json(row.after),
  ];
  return csvStream(header, BATCH, batches(filters, readSettingsChangePage), cells);
}

function runs(filters: ScopedHistoryFilters) {
  const header = [
    'started_utc',
    'run_id',
    'kind',
    'started_by',
    'daily_reshare_of',
    'status',
    'total',
    'shared',
    'refused',
    'failed',
    'unknown',
    'skipped',
    'finished_utc',
  ];
  const cells = (row: Awaited<ReturnType<typeof readRunPage>>['rows'][number]): Cells => [
    iso(row.createdAt),
    row.id,
    row.source,
    row.createdBy.name,
    row.schedulePhone,
    row.status,
    row.total,
    row.shared,
    row.refused,
    row.failed,
    row.unknown,
    row.skipped,
    iso(row.finishedAt),
  ];
  return csvStream(header, BATCH, batches(filters, readRunPage), cells);
}

function alerts(filters: HistoryFilters) {
  const header = ['time_utc', 'event', 'title', 'detail', 'link', 'email', 'slack'];
  const delivery = (row: AlertRow, channel: 'EMAIL' | 'SLACK') => {
    const found = row.deliveries.find((d) => d.channel === channel);
    return found ? `${found.state}${found.lastError ? `: ${found.lastError}` : ''}` : null;
  };
  const cells = (row: AlertRow): Cells => [iso(row.createdAt), row.event, row.title, row.detail, row.link, delivery(row, 'EMAIL'), delivery(row, 'SLACK')];
  return csvStream(header, BATCH, batches(filters, readAlertPage), cells);
}

/** History's other tabs as CSV: what each lists, with its filters. */
export const AUDIT_EXPORTS: Record<Exclude<HistoryTab, 'shares'>, (filters: ScopedHistoryFilters) => ReadableStream<Uint8Array>> = {
  cards: cardChanges,
  staff: staffChanges,
  settings: settingsChanges,
  runs,
  alerts,
};
