import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { covers, coversAll, describeScope, numbersWithin, numberWithin, scopeOf, within } from '@/lib/number-scope';

const A = '+14155550100';
const B = '+14155550101';

describe('a person’s numbers', () => {
  it('are every number for admins, and for others unless an admin limited them', () => {
    expect(scopeOf({ role: 'ADMIN', limitedToNumbers: true, numbers: [A] })).toBeNull();
    expect(scopeOf({ role: 'OPERATOR', limitedToNumbers: false, numbers: [A] })).toBeNull();
    expect(scopeOf({ role: 'VIEWER', limitedToNumbers: true, numbers: [B, A, B] })).toEqual([A, B]);
    expect(scopeOf({ role: 'OPERATOR', limitedToNumbers: true, numbers: [] })).toEqual([]);
  });

  it('cover a chat only when its number is theirs; a chat without a number of the business is nobody’s but everyone’s', () => {
    expect(covers(null, A)).toBe(true);
    expect(covers(null, null)).toBe(true);
    expect(covers([A], A)).toBe(true);
    expect(covers([A], B)).toBe(false);
    expect(covers([A], null)).toBe(false);
    expect(covers([], A)).toBe(false);
  });

  it('cover a run only when every number of it is theirs', () => {
    expect(coversAll([A, B], [A])).toBe(true);
    expect(coversAll([A], [A, B])).toBe(false);
    // '' stands for chats with no number of the business.
    expect(coversAll([A], [A, ''])).toBe(false);
    expect(coversAll(null, [A, B, ''])).toBe(true);
  });

  it('keep the items of their numbers, in order', () => {
    const rows = [{ n: B }, { n: A }, { n: null }];
    expect(within([A], rows, (row) => row.n)).toEqual([{ n: A }]);
    expect(within(null, rows, (row) => row.n)).toEqual(rows);
  });

  it('read as a sentence', () => {
    expect(describeScope(null)).toBe('every number');
    expect(describeScope([])).toBe('no number yet');
    expect(describeScope([A])).toBe(A);
    expect(describeScope([A, B, '+14155550102'])).toBe(`${A}, ${B} and +14155550102`);
  });

  it('become one bound array in SQL, or nothing at all for every number', () => {
    const column = numberWithin([A, B], Prisma.sql`c."sendingNumber"`);
    expect(column.values).toEqual([[A, B]]);
    expect(column.sql).toBe('c."sendingNumber" = ANY(?::text[])');
    expect(numberWithin(null, Prisma.sql`c."sendingNumber"`).sql).toBe('TRUE');
    expect(numbersWithin([A], Prisma.sql`r."numbers"`).sql).toBe('r."numbers" <@ ?::text[]');
  });
});
