import { describe, expect, it } from 'vitest';
import { knowledgeFromCache } from '@/lib/chats/outbound';

const now = new Date('2026-11-24T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const chat = (updatedAt: Date) => ({ id: 'c1', updatedAt: updatedAt.toISOString() });

describe('knowledgeFromCache', () => {
  it('does not know a chat it never read', () => {
    expect(knowledgeFromCache(undefined, chat(hoursAgo(5)), now)).toBe('unknown');
  });

  it('keeps "yes" for good, whatever happened since', () => {
    expect(knowledgeFromCache({ hasOutbound: true, checkedAt: hoursAgo(24 * 30) }, chat(hoursAgo(0)), now)).toBe('yes');
  });

  it('trusts "no" while the chat shows no activity after the check', () => {
    expect(knowledgeFromCache({ hasOutbound: false, checkedAt: hoursAgo(2) }, chat(hoursAgo(3)), now)).toBe('no');
    expect(knowledgeFromCache({ hasOutbound: false, checkedAt: hoursAgo(2) }, chat(hoursAgo(2)), now)).toBe('no');
  });

  it('reads the messages again after new activity, or after a day', () => {
    expect(knowledgeFromCache({ hasOutbound: false, checkedAt: hoursAgo(2) }, chat(hoursAgo(1)), now)).toBe('unknown');
    expect(knowledgeFromCache({ hasOutbound: false, checkedAt: hoursAgo(25) }, chat(hoursAgo(30)), now)).toBe('unknown');
  });
});
