import { describe, expect, it } from 'vitest';
import { readTogether } from '@/components/live/refresh-queries';
import { formatRelative } from '@/lib/format';
import { sseMessage, sseRetry } from '@/lib/live/sse';
import { isLiveTopic, LIVE_TOPICS, mayHear, parseLastEventId, parseLiveNotification } from '@/lib/live/topics';

describe('live topics', () => {
  it('tells viewers and operators of chats, cards, the index and runs; settings and staff only to admins', () => {
    for (const topic of ['chats', 'cards', 'index', 'runs'] as const) {
      expect(mayHear('VIEWER', topic)).toBe(true);
      expect(mayHear('OPERATOR', topic)).toBe(true);
    }
    for (const topic of ['deliveries', 'jobs', 'staff'] as const) {
      expect(mayHear('VIEWER', topic)).toBe(false);
      expect(mayHear('OPERATOR', topic)).toBe(false);
      expect(mayHear('ADMIN', topic)).toBe(true);
    }
    expect(Object.keys(LIVE_TOPICS).every(isLiveTopic)).toBe(true);
    expect(isLiveTopic('toString')).toBe(false);
  });

  it('reads the triggers’ notifications and refuses anything else on the channel', () => {
    expect(parseLiveNotification('{"seq" : 7, "topic" : "chats", "ids" : ["a","b"]}')).toEqual({ seq: 7, topic: 'chats', ids: ['a', 'b'] });
    expect(parseLiveNotification('{"seq": 8, "topic": "runs", "ids": []}')).toEqual({ seq: 8, topic: 'runs', ids: [] });
    expect(parseLiveNotification('{"seq": 9, "topic": "secrets", "ids": []}')).toBeNull();
    expect(parseLiveNotification('{"seq": "9", "topic": "chats", "ids": []}')).toBeNull();
    expect(parseLiveNotification('{"seq": 9, "topic": "chats"}')).toBeNull();
    expect(parseLiveNotification('not json')).toBeNull();
    expect(parseLiveNotification(undefined)).toBeNull();
    expect(parseLiveNotification('{"seq": 9, "topic": "chats", "ids": ["a", 3, null]}')).toEqual({ seq: 9, topic: 'chats', ids: ['a'] });
  });

  it('takes a Last-Event-ID only when it is a sequence number', () => {
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId(' 42 ')).toBe(42);
    expect(parseLastEventId('')).toBeNull();
    expect(parseLastEventId(null)).toBeNull();
    expect(parseLastEventId('-1')).toBeNull();
    expect(parseLastEventId('1e9')).toBeNull();
    expect(parseLastEventId('9'.repeat(16))).toBeNull();
  });
});

describe('server-sent events', () => {
  it('writes one message per event, its data on one line whatever it contains', () => {
    expect(sseMessage({ id: 3, event: 'change', data: { topic: 'chats', ids: ['a'] } })).toBe('id: 3\nevent: change\ndata: {"topic":"chats","ids":["a"]}\n\n');
    expect(sseMessage({ data: { text: 'two\nlines\n\ndata: forged' } })).toBe('data: {"text":"two\\nlines\\n\\ndata: forged"}\n\n');
    expect(sseRetry(2000)).toBe('retry: 2000\n\n');
  });
});

describe('relative times', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('says "just now" under a minute either way, so a time just written is never in the future', () => {
    expect(formatRelative(new Date(now.getTime() + 3_000), now)).toBe('just now');
    expect(formatRelative(new Date(now.getTime() - 59_000), now)).toBe('just now');
    expect(formatRelative(new Date(now.getTime() - 5 * 60_000), now)).toBe('5 min. ago');
    expect(formatRelative(new Date(now.getTime() - 2 * 3_600_000), now)).toBe('2 hr. ago');
  });
});

describe('reads shown together', () => {
  const answer = (from: number, to: number) => ({ status: 'fulfilled' as const, value: { liveWindow: { from, to } } });
  it('agree only when no change was announced while any of them ran', () => {
    expect(readTogether([answer(7, 7), answer(7, 7)])).toBe(true);
    expect(readTogether([answer(7, 8), answer(8, 8)])).toBe(false);
    expect(readTogether([answer(7, 7), answer(8, 8)])).toBe(false);
    // Reads that say nothing of it (a failed one, a history) do not hold the others back.
    expect(readTogether([answer(3, 3), { status: 'rejected', reason: new Error('x') }, { status: 'fulfilled', value: { events: [] } }])).toBe(true);
    expect(readTogether([])).toBe(true);
  });
});

describe('a query that appears just after a change of its topics', () => {
  it('is read again when it mounts: its first data may have been read before the change', async () => {
    const { QueryClient } = await import('@tanstack/react-query');
    const { createRefresher } = await import('@/components/live/refresher');
    const { liveMeta } = await import('@/components/live/refresh-queries');
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
    const refresher = createRefresher(client);
    refresher.add('runs');
    const seed = (key: string, ...topics: Parameters<typeof liveMeta>) =>
      client.getQueryCache().build(client, { queryKey: [key], queryFn: async () => 'fresh', meta: liveMeta(...topics), initialData: 'server' });
    const run = seed('run', 'runs');
    const card = seed('card', 'cards');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(run.state.isInvalidated).toBe(true);
    expect(card.state.isInvalidated).toBe(false);
    refresher.stop();
    client.clear();
  });
});
