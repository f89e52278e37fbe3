import { describe, expect, it } from 'vitest';
import { DEMO_LINES, seedState } from '@/lib/sandbox/seed';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('the sandbox’s demo data', () => {
  const state = seedState({ chatCount: 300, now });

  it('is the same on every start', () => {
    expect(seedState({ chatCount: 300, now })).toEqual(state);
  });

  it('has a line with an active card, one without and one whose card is inactive', () => {
    expect(state.lines.map((l) => l.phone_number)).toEqual(Object.values(DEMO_LINES));
    expect(state.cards[DEMO_LINES.withActiveCard]?.is_active).toBe(true);
    expect(state.cards[DEMO_LINES.withoutCard]).toBeUndefined();
    expect(state.cards[DEMO_LINES.withInactiveCard]?.is_active).toBe(false);
  });

  it('covers every service, health status, group and outbound case on every line', () => {
    for (const line of Object.values(DEMO_LINES)) {
      const chats = state.chats.filter((c) => c.handles.some((h) => h.is_me && h.handle === line));
      const outbound = (id: string) => state.messages[id]!.some((m) => m.is_from_me);
      expect(new Set(chats.map((c) => c.service))).toEqual(new Set(['iMessage', 'SMS', 'RCS']));
      expect(new Set(chats.map((c) => c.health))).toEqual(new Set(['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT']));
      expect(chats.some((c) => c.is_group) && chats.some((c) => !c.is_group)).toBe(true);
      expect(chats.some((c) => c.service === 'iMessage' && outbound(c.id))).toBe(true);
      expect(chats.some((c) => c.service === 'iMessage' && !outbound(c.id))).toBe(true);
    }
  });

  it('keeps every chat well formed: one own handle, messages in the past, email handles on iMessage', () => {
    for (const chat of state.chats) {
      expect(chat.handles.filter((h) => h.is_me)).toHaveLength(1);
      const messages = state.messages[chat.id]!;
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.every((m) => Date.parse(m.created_at) <= now)).toBe(true);
      expect(chat.updated_at).toBe(messages.at(-1)!.created_at);
      if (chat.handles.some((h) => h.handle.includes('@'))) expect(chat.service).toBe('iMessage');
      if (!chat.is_group) expect(chat.display_name).toBe(chat.handles.find((h) => !h.is_me)!.handle);
    }
  });

  it('scales to the 10 000 chats of the benchmark', () => {
    expect(seedState({ chatCount: 10_000, now }).chats).toHaveLength(10_000);
  });
});
