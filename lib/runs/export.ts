import 'server-only';
import { db } from '@/lib/db';
import { csvRow } from '@/lib/history/csv';
import { reasonLabel } from '@/lib/runs/outcome';

const BATCH = 1_000;
const HEADER = ['chat_id', 'chat', 'sending_number', 'state', 'reason', 'reason_code', 'attempts', 'share_event_id', 'updated_utc'];

/** A run's chats and what became of each, as CSV streamed a batch at a time (runs can cover 100 000 chats). */
export function runItemsCsv(runId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | null = null;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
        return;
      }
      const items = await db.shareRunItem.findMany({
        where: { runId, ...(after !== null && { chatId: { gt: after } }) },
        orderBy: { chatId: 'asc' },
        take: BATCH,
      });
      const chats = await db.chat.findMany({ where: { id: { in: items.map((i) => i.chatId) } }, select: { id: true, displayName: true, participants: true } });
      const labels = new Map(chats.map((c) => [c.id, c.displayName || c.participants.join(', ')]));
      const lines = items.map((item) =>
        csvRow([item.chatId, labels.get(item.chatId) ?? '', item.sendingNumber, item.state, item.reason ? reasonLabel(item.reason) : '', item.reason, item.attempts, item.eventId, item.updatedAt.toISOString()]),
      );
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('')));
      if (items.length < BATCH) return controller.close();
      after = items.at(-1)!.chatId;
    },
  });
}
