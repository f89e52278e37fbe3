import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { runSelectionSchema } from '@/lib/validations/runs';
import { hasControlCharacters, idSchema, isIsoInstant } from '@/lib/validations/safe-text';

describe('values a visitor chose', () => {
  it('refuses a bulk selection whose filter is not exactly one of the page’s, instead of widening it', () => {
    expect(runSelectionSchema.safeParse({ kind: 'filter', query: { from: '+14155550100', show: 'eligible' } }).success).toBe(true);
    for (const query of [
      { from: '+1', q: 'x'.repeat(500) },
      { show: "eligible' OR 1=1" },
      { from: 'not a number' },
      { q: 'a\u0000b' },
      { show: 'eligible', cursor: 'x' },
      { everything: true },
    ]) {
      expect(runSelectionSchema.safeParse({ kind: 'filter', query }).success, JSON.stringify(query).slice(0, 60)).toBe(false);
    }
    expect(runSelectionSchema.safeParse({ kind: 'chats', chatIds: ['ok', 'bad\u0000'] }).success).toBe(false);
    expect(runSelectionSchema.safeParse({ kind: 'everything' }).success).toBe(false);
  });

  it('knows an id and an instant when it sees one', () => {
    expect(idSchema().safeParse('run_mx4c3um0_l3tvjh6u').success).toBe(true);
    for (const bad of ['', '\u0000', 'a\nb', 'x'.repeat(101)]) expect(idSchema().safeParse(bad).success).toBe(false);
    expect(hasControlCharacters('\u202Ebidi is not a control character')).toBe(false);
    expect(isIsoInstant('2026-12-01T07:00:00.123Z')).toBe(true);
    // JavaScript reads these as dates; PostgreSQL does not, and the console never writes them.
    for (const bad of ['1', '2026', 'Tue, 01 Dec 2026 07:00:00 GMT', '2026-02-31T00:00:00Z', '0000-01-01T00:00:00Z'])
      expect(isIsoInstant(bad), bad).toBe(false);
  });

  it('names downloads from an allow-list, with the same name as an RFC 6266 filename*', () => {
    expect(safeFileName('share-history_start_to_2026-12-01.csv')).toBe('share-history_start_to_2026-12-01.csv');
    expect(safeFileName('x"; filename*=UTF-8\'\'invoice.html; x="')).toBe('x___filename__UTF-8__invoice.html__x__');
    expect(safeFileName('\u202Egnp.csv')).toBe('gnp.csv');
    expect(contentDisposition('run_\u2028.csv')).toBe(`attachment; filename="run__.csv"; filename*=UTF-8''run__.csv`);
  });

  it('refuses an address with a control character or a far too long value, before any query', async () => {
    expect(refuseHostileAddress(new Request('http://console.test/api/chats?q=ok&show=eligible'))).toBeNull();
    expect(refuseHostileAddress(new Request('http://console.test/api/chats?q=%00'))?.status).toBe(400);
    expect(refuseHostileAddress(new Request(`http://console.test/api/chats?q=${'x'.repeat(2_001)}`))?.status).toBe(400);
    const refused = refuseHostileAddress(new Request('http://console.test/api/runs/x'), { id: '\u0000' });
    expect(refused?.status).toBe(400);
    expect((await refused!.json()).error).toMatch(/control character/);
  });
});
