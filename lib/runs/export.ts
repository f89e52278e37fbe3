import 'server-only';
import type { ShareRunItem } from '@/generated/prisma/client';
import { csvStream } from '@/lib/csv';
import { db } from '@/lib/db';
import { coversAll, type NumberScope } from '@/lib/number-scope';
import { reasonLabel } from '@/lib/runs/outcome';

const BATCH = 1_000;
const HEADER = ['chat_id', 'chat', 'sending_number', 'state', 'reason', 'reason_code', 'attempts', 'share_event_id', 'updated_utc'];

type ItemRow = ShareRunItem & { chatLabel: string };

/** A batch of a run's items, in chat id order, each with its chat's label from the index. */
async function itemsAfter(runId: string, after: ItemRow | null): Promise<ItemRow[]> {
  const items = await db.shareRunItem.findMany({
    where: { runId, ...(after && { chatId: { gt: after.chatId } }) },
    orderBy: { chatId: 'asc' },
    take: BATCH,
  });
  const chats = await db.chat.findMany({ where: { id: { in: items.map((i) => i.chatId) } }, select: { id: true, displayName: true, participants: true } });
  const labels = new Map(chats.map((c) => [c.id, c.displayName || c.participants.join(', ')]));
  return items.map((item) => ({ ...item, chatLabel: labels.get(item.chatId) ?? '' }));
}

/** The run's id when it exists within the scope (ids longer than any run's are not looked up). */
export async function findExportableRun(id: string, scope: NumberScope): Promise<string | null> {
  if (id.length > 100) return null;
  const run = await db.shareRun.findUnique({ where: { id }, select: { id: true, numbers: true } });
  return run && coversAll(scope, run.numbers) ? run.id : null;
}

/** A run's chats and what became of each, as CSV streamed a batch at a time (runs can cover 100 000 chats). */
export function runItemsCsv(runId: string): ReadableStream<Uint8Array> {
  return csvStream(
    HEADER,
    BATCH,
    (after: ItemRow | null) => itemsAfter(runId, after),
    (item) => [
      item.chatId,
      item.chatLabel,
      item.sendingNumber,
      item.state,
      item.reason ? reasonLabel(item.reason) : '',
      item.reason,
      item.attempts,
      item.eventId,
      item.updatedAt.toISOString(),
    ],
  );
}
