import { describe, expect, it } from 'vitest';
import { describeOccurrence, dueRunDate, isTimeZone, latestOccurrence, localDate, nextOccurrence, zonedInstant } from '@/lib/runs/schedule-time';

const at = (iso: string) => new Date(iso);

describe('daily times in a time zone', () => {
  it('finds the instant of a local time, in and out of daylight-saving time', () => {
    expect(zonedInstant('2026-11-30', '09:00', 'America/New_York').toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedInstant('2026-11-30', '09:00', 'Asia/Kolkata').toISOString()).toBe('2026-11-30T03:30:00.000Z');
    expect(zonedInstant('2026-11-30', '00:15', 'UTC').toISOString()).toBe('2026-11-30T00:15:00.000Z');
  });

  it('puts a time skipped by the clocks going forward just after the gap', () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 → 03:00).
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('knows the local day of an instant', () => {
    expect(localDate(at('2026-12-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-30');
    expect(localDate(at('2026-11-30T20:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-01');
  });

  it('gives the latest and the next occurrence', () => {
    const now = at('2026-11-30T13:00:00Z'); // 08:00 in New York
    expect(latestOccurrence('09:00', 'America/New_York', now)).toEqual({ date: '2026-11-29', at: at('2026-11-29T14:00:00Z') });
    expect(nextOccurrence('09:00', 'America/New_York', now)).toEqual({ date: '2026-11-30', at: at('2026-11-30T14:00:00Z') });
    expect(describeOccurrence(nextOccurrence('09:00', 'America/New_York', now), '09:00', 'America/New_York', now)).toBe('today 09:00 America/New_York');
    const later = at('2026-11-30T15:00:00Z');
    expect(describeOccurrence(nextOccurrence('09:00', 'America/New_York', later), '09:00', 'America/New_York', later)).toBe('tomorrow 09:00 America/New_York');
  });

  it('is due once per local day, and a missed week is one run, not seven', () => {
    const schedule = { timeOfDay: '09:00', timeZone: 'Europe/Paris' };
    expect(dueRunDate({ ...schedule, lastRunDate: null }, at('2026-11-30T07:59:00Z'))).toBe('2026-11-29');
    expect(dueRunDate({ ...schedule, lastRunDate: '2026-11-29' }, at('2026-11-30T07:59:00Z'))).toBeNull();
    expect(dueRunDate({ ...schedule, lastRunDate: '2026-11-29' }, at('2026-11-30T08:00:00Z'))).toBe('2026-11-30');
    expect(dueRunDate({ ...schedule, lastRunDate: '2026-11-30' }, at('2026-11-30T20:00:00Z'))).toBeNull();
    expect(dueRunDate({ ...schedule, lastRunDate: '2026-11-22' }, at('2026-11-30T12:00:00Z'))).toBe('2026-11-30');
  });

  it('recognises IANA zone names', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
