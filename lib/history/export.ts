import 'server-only';
import { csvRow } from '@/lib/history/csv';
import type { Keyset } from '@/lib/history/cursor';
import { queryShareEvents, type ShareHistoryRow } from '@/lib/history/shares';
import type { HistoryFilters } from '@/lib/validations/history';

const BATCH = 1_000;

const HEADER = [
  'time_utc', 'outcome', 'chat_id', 'chat', 'participants', 'sending_number', 'actor', 'actor_email',
  'source', 'run_id', 'linq_code', 'http_status', 'message', 'trace_id', 'latency_ms',
];

function line(row: ShareHistoryRow): string {
  return csvRow([
    row.createdAt, row.outcome, row.chatId, row.chatLabel, row.participants.join('; '), row.sendingNumber, row.actorName, row.actorEmail,
    row.source, row.runId, row.linqCode, row.httpStatus, row.message, row.traceId, row.latencyMs,
  ]);
}

/**
 * The filtered share history as CSV, read from the database a batch at a time as the client
 * downloads it: memory stays the same whether it is ten rows or a million.
 */
export function shareHistoryCsv(filters: HistoryFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const all = { ...filters, cursor: undefined };
  let after: Keyset | null = null;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The byte-order mark makes spreadsheets read the file as UTF-8 (names with accents, emoji).
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
        return;
      }
      const rows = await queryShareEvents(all, after, BATCH);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(line).join('')));
      if (rows.length < BATCH) return controller.close();
      after = rows[rows.length - 1]!;
    },
  });
}

/** e.g. share-history_2026-11-01_to_2026-11-24_failed.csv */
export function exportFileName(filters: HistoryFilters, today = new Date()): string {
  const parts = ['share-history', filters.from ?? 'start', 'to', filters.to ?? today.toISOString().slice(0, 10)];
  if (filters.outcome) parts.push(filters.outcome.toLowerCase());
  if (filters.number) parts.push(filters.number.replace('+', ''));
  if (filters.run) parts.push(filters.run);
  return `${parts.join('_')}.csv`;
}
