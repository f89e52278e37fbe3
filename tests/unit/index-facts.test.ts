import { describe, expect, it } from 'vitest';
import { chatSearchText, diffListedChats, type IndexedFacts } from '@/lib/chats/index-facts';
import type { LinqChat } from '@/lib/linq/types';

const chat = (id: string, overrides: Partial<LinqChat> = {}): LinqChat => ({
  id,
  displayName: null,
  service: 'iMessage',
  isGroup: false,
  health: 'HEALTHY',
  handles: [
    { handle: '+14155550100', service: 'iMessage', isMe: true, status: 'active' },
    { handle: 'Ana@Example.com', service: 'iMessage', isMe: false, status: 'active' },
  ],
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  ...overrides,
});

const indexed = (id: string, overrides: Partial<IndexedFacts> = {}): IndexedFacts => ({
  id,
  sendingNumber: '+14155550100',
  service: 'iMessage',
  isGroup: false,
  health: 'HEALTHY',
  hasLeft: false,
  displayName: null,
  participants: ['Ana@Example.com'],
  goneAt: null,
  ...overrides,
});

describe('the chat index', () => {
  it('counts new chats and chats whose facts changed, not chats listed again as they were', () => {
    const existing = [indexed('same'), indexed('health'), indexed('left'), indexed('back', { goneAt: new Date() })];
    const listed = [
      chat('same'),
      chat('health', { health: 'OPTED_OUT' }),
      chat('left', { handles: [{ handle: '+14155550100', service: 'iMessage', isMe: true, status: 'left' }] }),
      chat('back'),
      chat('new'),
    ];
    expect(diffListedChats(existing, listed)).toEqual({ created: 1, changed: 3 });
  });

  it('searches the display name and the customers’ handles, in lower case, not the business’s own line', () => {
    expect(chatSearchText(chat('x', { displayName: 'Team Lunch' }))).toBe('team lunch ana@example.com');
    expect(chatSearchText(chat('x'))).toBe('ana@example.com');
  });
});
