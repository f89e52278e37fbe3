import { describe, expect, it } from 'vitest';
import { chatPageHref, normaliseParticipant, parseChatPageQuery } from '@/lib/validations/chats';

describe('the chats page query', () => {
  it('has sensible defaults and ignores what it does not understand', () => {
    expect(parseChatPageQuery({})).toEqual({ from: undefined, to: undefined, limit: 50, cursor: undefined, show: 'all' });
    expect(parseChatPageQuery({ from: 'nope', limit: '7', show: 'everything', cursor: ['20', '40'] })).toEqual({
      from: undefined,
      to: undefined,
      limit: 50,
      cursor: '20',
      show: 'all',
    });
    expect(parseChatPageQuery({ from: '+14155550100', limit: '100', show: 'shared' })).toMatchObject({ from: '+14155550100', limit: 100, show: 'shared' });
  });

  it('writes links with only what differs from the defaults', () => {
    expect(chatPageHref({ limit: 50, show: 'all' })).toBe('/chats');
    expect(chatPageHref({ from: '+14155550100', limit: 20, show: 'eligible', cursor: '20' })).toBe('/chats?from=%2B14155550100&limit=20&show=eligible&cursor=20');
  });
});

describe('normaliseParticipant', () => {
  it.each([
    ['+1 (415) 555-0123', '+14155550123'],
    ['  +44 20 7946 0958 ', '+442079460958'],
    ['Maria.Silva@iCloud.com', 'maria.silva@icloud.com'],
  ])('reads %j as %j', (raw, expected) => {
    expect(normaliseParticipant(raw)).toBe(expected);
  });

  it.each(['4155550123', 'maria', 'maria@', '+0123', ''])('refuses %j', (raw) => {
    expect(normaliseParticipant(raw)).toBeNull();
  });
});
