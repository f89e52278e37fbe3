import { describe, expect, it } from 'vitest';
import { latestMayFollow, newestFirst } from '@/lib/chats/messages';

const message = (id: string, createdAt: string) => ({ id, isFromMe: false, createdAt, text: id });

describe('reading a chat’s last messages whatever order Linq lists them in', () => {
  it('reads on only while a page runs oldest to newest and more pages follow', () => {
    const ascending = [message('a', '2026-12-01T10:00:00Z'), message('b', '2026-12-01T11:00:00Z')];
    expect(latestMayFollow({ items: ascending, nextCursor: 'next' })).toBe(true);
    expect(latestMayFollow({ items: ascending, nextCursor: null })).toBe(false);
    expect(latestMayFollow({ items: [...ascending].reverse(), nextCursor: 'next' })).toBe(false);
    expect(latestMayFollow({ items: ascending.slice(0, 1), nextCursor: 'next' })).toBe(false);
  });

  it('shows the newest first, ten at most', () => {
    const messages = Array.from({ length: 12 }, (_, i) => message(`m${i}`, new Date(Date.UTC(2026, 11, 1, i)).toISOString()));
    const shown = newestFirst([...messages.slice(6), ...messages.slice(0, 6)]);
    expect(shown.map((m) => m.id)).toEqual(['m11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2']);
  });
});
