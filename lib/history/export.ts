import 'server-only';
import { csvStream } from '@/lib/csv';
import type { Keyset } from '@/lib/history/cursor';
import { queryShareEvents, type ScopedHistoryFilters, type ShareHistoryRow } from '@/lib/history/shares';
import type { HistoryFilters } from '@/lib/validations/history';

const BATCH = 1_000;

const HEADER = [
  'time_utc',
  'outcome',
  'chat_id',
  'chat',
  'participants',
  'sending_number',
  'actor',
  'actor_email',
  'source',
  'run_id',
  'linq_code',
  'http_status',
  'message',
  'trace_id',
  'latency_ms',
  'later_attempt',
  'later_attempt_utc',
];

function cells(row: ShareHistoryRow) {
  return [
    row.createdAt,
    row.outcome,
    row.chatId,
    row.chatLabel,
    row.participants.join('; '),
    row.sendingNumber,
    row.actorName,
    row.actorEmail,
    row.source,
    row.runId,
    row.linqCode,
    row.httpStatus,
    row.message,
    row.traceId,
    row.latencyMs,
    row.supersededBy?.outcome,
    row.supersededBy?.at,
  ];
}

/** The filtered share history as CSV, streamed a batch at a time (keyset on time and id). */
export function shareHistoryCsv(filters: ScopedHistoryFilters): ReadableStream<Uint8Array> {
  const all = { ...filters, cursor: undefined };
  return csvStream(HEADER, BATCH, (after: Keyset | null) => queryShareEvents(all, after, BATCH), cells);
}

const FILE_PREFIX: Record<HistoryFilters['tab'], string> = {
  shares: 'share-history',
  runs: 'runs',
  cards: 'card-changes',
  staff: 'staff-changes',
  settings: 'settings-changes',
  alerts: 'alerts',
};

export function exportFileName(filters: HistoryFilters, today = new Date()): string {
  const parts = [FILE_PREFIX[filters.tab], filters.from ?? 'start', 'to', filters.to ?? today.toISOString().slice(0, 10)];
  if (filters.outcome) parts.push(filters.outcome.toLowerCase());
  if (filters.source) parts.push(filters.source.toLowerCase());
  if (filters.number) parts.push(filters.number.replace('+', ''));
  if (filters.run) parts.push(filters.run);
  return `${parts.join('_')}.csv`;
}
