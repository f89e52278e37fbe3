import { describe, expect, it } from 'vitest';
import { capDayOf, firstDueAt, inQuietHours, isStale, nextCapDayStart, outsideQuietHours, quietHoursEnd } from '@/lib/auto/timing';
import { autoShareFormSchema } from '@/lib/validations/auto-share';

const at = (iso: string) => new Date(iso);
const NY = 'America/New_York';
const night = { start: '21:00', end: '08:00' };

describe('automatic share timing', () => {
  it('knows quiet hours that span midnight, and ones that do not', () => {
    expect(inQuietHours(at('2026-06-02T00:30:00Z'), night, NY)).toBe(false); // 20:30 EDT: not yet
    expect(inQuietHours(at('2026-06-02T01:00:00Z'), night, NY)).toBe(true); // 21:00
    expect(inQuietHours(at('2026-06-02T11:59:00Z'), night, NY)).toBe(true); // 07:59
    expect(inQuietHours(at('2026-06-02T12:00:00Z'), night, NY)).toBe(false); // 08:00
    expect(inQuietHours(at('2026-06-02T00:59:00Z'), night, NY)).toBe(false); // 20:59
    expect(inQuietHours(at('2026-06-02T13:30:00Z'), { start: '12:00', end: '14:00' }, 'Europe/Paris')).toBe(false); // 15:30 in Paris
    expect(inQuietHours(at('2026-06-02T13:30:00Z'), null, NY)).toBe(false);
  });

  it('ends quiet hours at the local time, across the change to summer time and back', () => {
    // Saturday 7 March 2026, 23:00 EST → Sunday 08:00 EDT (12:00 UTC, one hour earlier in UTC than the day before).
    expect(quietHoursEnd(at('2026-03-08T04:00:00Z'), night, NY)).toEqual(at('2026-03-08T12:00:00Z'));
    expect(quietHoursEnd(at('2026-03-07T04:00:00Z'), night, NY)).toEqual(at('2026-03-07T13:00:00Z'));
    // Quiet hours ending at 02:30 on the night 02:00–03:00 does not exist: they end as the clock reads 03:30 EDT.
    expect(quietHoursEnd(at('2026-03-08T05:00:00Z'), { start: '22:00', end: '02:30' }, NY)).toEqual(at('2026-03-08T07:30:00Z'));
    // Sunday 1 November 2026, clocks go back: 08:00 EST is 13:00 UTC.
    expect(quietHoursEnd(at('2026-11-01T05:00:00Z'), night, NY)).toEqual(at('2026-11-01T13:00:00Z'));
  });

  it('falls due after the delay, never before now, and out of the quiet hours', () => {
    const timing = { delayMinutes: 2, quiet: night, timeZone: NY };
    expect(firstDueAt(at('2026-06-02T15:00:00Z'), timing, at('2026-06-02T15:00:05Z'))).toEqual({ dueAt: at('2026-06-02T15:02:00Z'), quiet: false });
    // Found by the sync an hour late: at once.
    expect(firstDueAt(at('2026-06-02T14:00:00Z'), timing, at('2026-06-02T15:00:00Z'))).toEqual({ dueAt: at('2026-06-02T15:00:00Z'), quiet: false });
    expect(firstDueAt(at('2026-06-03T00:59:00Z'), timing, at('2026-06-03T00:59:00Z'))).toEqual({ dueAt: at('2026-06-03T12:00:00Z'), quiet: true });
    expect(firstDueAt(at('2026-06-02T15:00:00Z'), { ...timing, minuteMs: 1_000 }, at('2026-06-02T15:00:00Z')).dueAt).toEqual(at('2026-06-02T15:00:02Z'));
    expect(outsideQuietHours(at('2026-06-02T15:00:00Z'), timing)).toEqual(at('2026-06-02T15:00:00Z'));
  });

  it('counts the cap per local day and waits over it for the next one, out of its quiet hours', () => {
    expect(capDayOf(at('2026-07-02T03:59:00Z'), NY)).toBe('2026-07-01');
    expect(capDayOf(at('2026-07-02T04:00:00Z'), NY)).toBe('2026-07-02');
    expect(nextCapDayStart(at('2026-07-01T20:00:00Z'), { quiet: null, timeZone: NY })).toEqual(at('2026-07-02T04:00:00Z'));
    expect(nextCapDayStart(at('2026-07-01T20:00:00Z'), { quiet: night, timeZone: NY })).toEqual(at('2026-07-02T12:00:00Z'));
    // The day clocks go forward starts at 00:00 EST.
    expect(nextCapDayStart(at('2026-03-07T20:00:00Z'), { quiet: null, timeZone: NY })).toEqual(at('2026-03-08T05:00:00Z'));
  });

  it('calls a conversation stale two days after its trigger', () => {
    expect(isStale(at('2026-06-01T00:00:00Z'), at('2026-06-03T00:00:00Z'))).toBe(false);
    expect(isStale(at('2026-06-01T00:00:00Z'), at('2026-06-03T00:00:01Z'))).toBe(true);
  });
});

describe('the automatic share form', () => {
  const form = {
    phoneNumber: '+14155550100',
    enabled: true,
    trigger: 'FIRST_OUTBOUND',
    delayMinutes: '2',
    quietHours: true,
    quietStart: '21:00',
    quietEnd: '08:00',
    timeZone: NY,
    includeGroups: false,
    dailyCap: '50',
  };

  it('accepts a rule and drops quiet hours switched off', () => {
    expect(autoShareFormSchema.parse(form)).toMatchObject({ delayMinutes: 2, dailyCap: 50, quietStart: '21:00', quietEnd: '08:00' });
    expect(autoShareFormSchema.parse({ ...form, quietHours: false, quietStart: 'x' })).toMatchObject({ quietStart: null, quietEnd: null });
  });

  it('says what is wrong with each field', () => {
    const errors = (input: object) => autoShareFormSchema.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(errors({ ...form, delayMinutes: '1441' })).toEqual(['delayMinutes: The delay can be 24 hours (1440 minutes) at most.']);
    expect(errors({ ...form, delayMinutes: '-1' })).toEqual(['delayMinutes: The delay cannot be negative.']);
    expect(errors({ ...form, dailyCap: '0' })).toEqual(['dailyCap: The cap must allow at least one share a day; switch automatic share off instead.']);
    expect(errors({ ...form, quietStart: '25:00' })).toEqual(['quietStart: Enter a time as HH:MM, 24-hour (for example 21:00).']);
    expect(errors({ ...form, quietEnd: '21:00' })).toEqual(['quietEnd: Quiet hours must end at another time than they start.']);
    expect(errors({ ...form, trigger: 'WHENEVER' })).toEqual(['trigger: Choose when the card is shared.']);
    expect(errors({ ...form, timeZone: 'Mars/Olympus' })?.[0]).toMatch(/^timeZone: Choose a time zone/);
  });
});

describe('the automatic share preview', () => {
  it('says how many chats a day would have qualified, and what the cap would have held back', async () => {
    const { describePreview } = await import('@/lib/auto/preview-words');
    expect(describePreview([30, 28, 32, 31, 29, 30, 30], 100)).toBe('About 30 chats a day would have qualified over the last 7 days (210 in all).');
    expect(describePreview([0, 0, 0, 0, 0, 0, 0], 100)).toBe('No chats a day would have qualified over the last 7 days (0 in all).');
    expect(describePreview([1, 0, 0, 0, 0, 0, 0], 100)).toBe('Fewer than one chat a day would have qualified over the last 7 days (1 in all).');
    expect(describePreview([30, 28, 32, 31, 29, 30, 30], 25)).toBe(
      'About 30 chats a day would have qualified over the last 7 days (210 in all). At a cap of 25 a day, about 5 chats a day would have waited for the next day (35 in all).',
    );
  });
});

describe('automatic share reasons', () => {
  it('says why a share waits, or why it was not sent, in words', async () => {
    const { autoReasonLabel, WAIT_REASONS } = await import('@/lib/auto/reasons');
    expect(WAIT_REASONS.cap).toBe('the next day (today’s cap is reached)');
    expect(autoReasonLabel('rule_off')).toBe('automatic share was switched off');
    expect(autoReasonLabel('no_card')).toBe('no active card');
    expect(autoReasonLabel('opted_out')).toBe('opted out');
    expect(autoReasonLabel('linq_2012')).toMatch(/\(2012\)$/);
  });
});
