import { describe, expect, it } from 'vitest';
import { viewQueryOf } from '@/lib/links';
import { parseChatPageQuery } from '@/lib/validations/chats';
import { saveViewSchema } from '@/lib/validations/views';
import { describeChatFilter } from '@/lib/views/describe';

describe('a saved view', () => {
  it('is named after its filters', () => {
    expect(describeChatFilter(parseChatPageQuery({ from: '+14155550101', show: 'eligible', shared: 'never' }))).toBe('Eligible on +14155550101, never shared');
    expect(describeChatFilter(parseChatPageQuery({ show: 'ineligible', reason: 'no_card', service: 'iMessage' }))).toBe(
      'Not eligible (no active card) iMessage',
    );
    expect(describeChatFilter(parseChatPageQuery({}))).toBe('All chats');
  });

  it('keeps only the filters the Chats page understands, never the page it was on', () => {
    const parsed = saveViewSchema.parse({ name: '  Eligible  ', query: 'show=eligible&cursor=abc&evil=1&from=%2B14155550101&limit=20', shared: 'on' });
    expect({ ...parsed, query: viewQueryOf(parsed.query) }).toEqual({ name: 'Eligible', query: 'from=%2B14155550101&show=eligible&limit=20', shared: true });
    expect(saveViewSchema.safeParse({ name: ' ', query: '', shared: false }).success).toBe(false);
    expect(saveViewSchema.safeParse({ name: 'x'.repeat(61), query: '', shared: false }).success).toBe(false);
  });
});
