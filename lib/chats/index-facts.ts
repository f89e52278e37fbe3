// Pure helpers of the chat index: what a listing changes, and what search looks through.
import { hasLeftChat, participantsOf, sendingNumberOf } from '@/lib/chats/facts';
import type { LinqChat } from '@/lib/linq/types';

/** The facts of an indexed chat that a listing can change. */
export interface IndexedFacts {
  id: string;
  sendingNumber: string | null;
  service: string | null;
  isGroup: boolean;
  health: string | null;
  hasLeft: boolean;
  displayName: string | null;
  participants: string[];
  goneAt: Date | null;
}

/** The lower-case text searched by "any part of a handle or of the display name". */
export function chatSearchText(chat: Pick<LinqChat, 'displayName' | 'handles'>): string {
  return [chat.displayName, ...participantsOf(chat)].filter(Boolean).join(' ').toLowerCase();
}

function sameFacts(row: IndexedFacts, chat: LinqChat): boolean {
  return (
    row.goneAt === null &&
    row.sendingNumber === sendingNumberOf(chat) &&
    row.service === chat.service &&
    row.isGroup === chat.isGroup &&
    row.health === chat.health &&
    row.hasLeft === hasLeftChat(chat) &&
    row.displayName === chat.displayName &&
    row.participants.join('\n') === participantsOf(chat).join('\n')
  );
}

/** How many of the listed chats are new to the index, and how many differ from what it holds. */
export function diffListedChats(existing: IndexedFacts[], listed: LinqChat[]): { created: number; changed: number } {
  const byId = new Map(existing.map((row) => [row.id, row]));
  let created = 0;
  let changed = 0;
  for (const chat of listed) {
    const row = byId.get(chat.id);
    if (!row) created += 1;
    else if (!sameFacts(row, chat)) changed += 1;
  }
  return { created, changed };
}
