import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '@/lib/csv';
import { decodeCursor, encodeCursor } from '@/lib/history/cursor';

describe('history cursors', () => {
  it('round-trips a keyset', () => {
    const keyset = { createdAt: '2026-11-24T10:15:30.123Z', id: 'cm3abc' };
    expect(decodeCursor(encodeCursor(keyset))).toEqual(keyset);
  });

  it.each([
    undefined,
    '',
    'not-base64!',
    Buffer.from('2026-11-24T10:15:30Z').toString('base64url'),
    Buffer.from('yesterday|x').toString('base64url'),
    Buffer.from('2026-11-24T10:15:30Z|a|b').toString('base64url'),
  ])('ignores a cursor that is not ours: %j', (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('CSV', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvRow(['plain', 'with, comma', 'with "quotes"', 'two\nlines', 42, null, undefined, true])).toBe(
      '"plain","with, comma","with ""quotes""","two\nlines","42","","","true"\r\n',
    );
  });

  it('defuses formulas but keeps phone numbers and negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('+cmd|/C calc')).toBe(`"'+cmd|/C calc"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('+14155550100')).toBe('"+14155550100"');
    expect(csvCell('+1 (415) 555-0100')).toBe('"+1 (415) 555-0100"');
    expect(csvCell('-42')).toBe('"-42"');
  });

  it('defuses a formula after every ";" or "," too, for spreadsheets that split cells there', () => {
    expect(csvCell("safe;=cmd|' /C calc'!A0")).toBe(`"safe;'=cmd|' /C calc'!A0"`);
    expect(csvCell('a, @SUM(A1);+cmd|x; -3')).toBe(`"a, '@SUM(A1);'+cmd|x; -3"`);
    expect(csvCell('Harbor; Dental, +14155550100')).toBe('"Harbor; Dental, +14155550100"');
  });
});

describe('history filters', () => {
  it('parse what they understand, ignore the rest, and round-trip through the URL', async () => {
    const { parseHistoryFilters } = await import('@/lib/validations/history');
    const { historyHref } = await import('@/lib/links');
    const { dayRange } = await import('@/lib/history/day-range');
    const filters = parseHistoryFilters({ tab: 'nope', from: '2026-11-01', to: '2026-02-31', outcome: 'FAILED', number: '123', q: ['  +14155550123 ', 'x'] });
    expect(filters).toMatchObject({ tab: 'shares', from: '2026-11-01', outcome: 'FAILED', q: '+14155550123' });
    expect(filters.number).toBeUndefined();
    expect(historyHref(filters)).toBe('/history?from=2026-11-01&outcome=FAILED&q=%2B14155550123');
    expect(parseHistoryFilters(Object.fromEntries(new URL(`http://x${historyHref(filters)}`).searchParams))).toEqual(filters);
    expect(dayRange({ from: '2026-11-01', to: '2026-11-24' })).toEqual({ since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z') });
  });

  it("read the days in the viewer's zone, across a summer-time change, and refuse unknown zones", async () => {
    const { parseHistoryFilters } = await import('@/lib/validations/history');
    const { historyHref } = await import('@/lib/links');
    const { dayRange } = await import('@/lib/history/day-range');
    // 1 November 2026: New York leaves summer time (UTC-4 before, UTC-5 after).
    expect(dayRange({ from: '2026-10-31', to: '2026-11-01', tz: 'America/New_York' })).toEqual({
      since: new Date('2026-10-31T04:00:00Z'),
      until: new Date('2026-11-02T05:00:00Z'),
    });
    expect(parseHistoryFilters({ from: '2026-11-01', tz: 'Mars/Olympus' }).tz).toBeUndefined();
    const filters = parseHistoryFilters({ from: '2026-11-01', tz: 'Europe/Paris' });
    expect(historyHref(filters)).toBe('/history?from=2026-11-01&tz=Europe%2FParis');
  });
});
