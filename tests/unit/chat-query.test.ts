import { describe, expect, it } from 'vitest';
import { chatPageHref } from '@/lib/links';
import { likePattern, searchTerm } from '@/lib/search-terms';
import { parseChatPageQuery } from '@/lib/validations/chats';

const DEFAULTS = {
  from: undefined,
  q: undefined,
  show: 'all',
  reason: undefined,
  shared: 'any',
  service: 'any',
  health: 'any',
  group: 'any',
  sort: 'activity',
  limit: 50,
  cursor: undefined,
};

describe('the chats page query', () => {
  it('has sensible defaults and ignores what it does not understand', () => {
    expect(parseChatPageQuery({})).toEqual(DEFAULTS);
    expect(
      parseChatPageQuery({ from: 'nope', limit: '7', show: 'everything', reason: 'why', shared: 'sometimes', sort: 'name', cursor: ['abc', 'def'] }),
    ).toEqual({
      ...DEFAULTS,
      cursor: 'abc',
    });
    expect(
      parseChatPageQuery({ from: '+14155550100', limit: '100', show: 'ineligible', reason: 'no_card', health: 'OPTED_OUT', group: 'group', sort: 'shared' }),
    ).toMatchObject({
      from: '+14155550100',
      limit: 100,
      show: 'ineligible',
      reason: 'no_card',
      health: 'OPTED_OUT',
      group: 'group',
      sort: 'shared',
    });
  });

  it('writes links with only what differs from the defaults, in a stable order', () => {
    expect(chatPageHref(DEFAULTS as never)).toBe('/chats');
    expect(chatPageHref({ cursor: 'xyz', show: 'eligible', from: '+14155550100', limit: 20, q: 'ana' })).toBe(
      '/chats?from=%2B14155550100&q=ana&show=eligible&limit=20&cursor=xyz',
    );
  });

  it('searches for typed phone numbers without their punctuation, and for anything else in lower case', () => {
    expect(searchTerm(' (415) 555-01 ')).toBe('41555501');
    expect(searchTerm('+1 415')).toBe('+1415');
    expect(searchTerm('Maria Silva')).toBe('maria silva');
    expect(searchTerm('   ')).toBeUndefined();
  });
});

describe('likePattern', () => {
  it("finds the term anywhere, taking LIKE's own characters literally", () => {
    expect(likePattern('7185550108')).toBe('%7185550108%');
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
