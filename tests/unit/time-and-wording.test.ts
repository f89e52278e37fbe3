import { describe, expect, it } from 'vitest';
import { describeWrite } from '@/components/cards/revision-history';
import { describeRecentShare } from '@/lib/chats/eligibility';
import { formatDateTime, formatTime, zoneLabel } from '@/lib/format';

describe('times in a zone', () => {
  const moment = new Date('2026-11-30T14:03:10Z');

  it('are written in UTC by default, and in the zone given with its short name', () => {
    expect(formatDateTime(moment)).toBe('30 Nov 2026, 14:03 UTC');
    expect(formatDateTime(moment, 'America/New_York')).toBe('30 Nov 2026, 09:03 EST');
    expect(formatDateTime(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('1 Jul 2026, 08:00 EDT');
    expect(formatTime(moment, 'Asia/Tokyo')).toBe('23:03:10 GMT+9');
    expect(formatTime(moment, 'UTC', { seconds: false })).toBe('14:03 UTC');
    expect(zoneLabel(moment, 'Etc/UTC')).toBe('UTC');
  });

  it('make "today" the viewer\'s day in the cooldown reason', () => {
    const shared = new Date('2026-11-30T03:00:00Z');
    const now = new Date('2026-11-30T10:00:00Z');
    expect(describeRecentShare(shared, now, 86_400_000)).toBe('Already shared today at 03:00 UTC; it can be shared again from 1 Dec 2026, 03:00 UTC.');
    // 22:00 the evening before in New York: not "today" there.
    expect(describeRecentShare(shared, now, 86_400_000, 'America/New_York')).toBe(
      'Already shared at 29 Nov 2026, 22:00 EST; it can be shared again from 30 Nov 2026, 22:00 EST.',
    );
  });
});

describe('card history wording', () => {
  it('says what a save did in words, never with Linq field names', () => {
    expect(describeWrite({ write: 'CREATE', sentFields: ['first_name', 'image_url'], fellBackToUpdate: false })).toBe('Created the card');
    expect(describeWrite({ write: 'UPDATE', sentFields: ['last_name'], fellBackToUpdate: false })).toBe('Updated the last name');
    expect(describeWrite({ write: 'UPDATE', sentFields: ['first_name', 'last_name', 'image_url'], fellBackToUpdate: true })).toBe(
      'Updated the first name, last name and photo (the card already existed)',
    );
  });
});
