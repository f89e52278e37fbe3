import 'server-only';
import { db } from '@/lib/db';
import type { LiveEvent } from '@/lib/live/topics';
import { coversAll } from '@/lib/number-scope';

/**
 * An event as a person limited to some numbers may hear it: only the ids of their numbers' chats,
 * lines and runs, or nothing at all when none is theirs. An event without ids (many rows at once)
 * names nothing and goes as it is: the page reads again through its routes, which keep to the scope.
 */
export async function narrowToNumbers(event: LiveEvent, numbers: readonly string[]): Promise<LiveEvent | null> {
  if (event.ids.length === 0) return event;
  const kept = await keptIds(event, numbers);
  return kept.length > 0 ? { ...event, ids: kept } : null;
}

async function keptIds({ topic, ids }: LiveEvent, numbers: readonly string[]): Promise<string[]> {
  switch (topic) {
    case 'chats': {
      const chats = await db.chat.findMany({ where: { id: { in: ids }, sendingNumber: { in: [...numbers] } }, select: { id: true } });
      return chats.map((chat) => chat.id);
    }
    case 'runs': {
      const runs = await db.shareRun.findMany({ where: { id: { in: ids } }, select: { id: true, numbers: true } });
      return runs.filter((run) => coversAll(numbers, run.numbers)).map((run) => run.id);
    }
    // Lines and automatic shares are named by their number; the account-wide pause by its one row.
    case 'cards':
    case 'auto':
      return ids.filter((id) => numbers.includes(id) || !id.startsWith('+'));
    default:
      return ids;
  }
}
