import { describe, expect, it } from 'vitest';
import { describeOccurrence, latestOccurrence, MIN_RUN_GAP_MS, nextScheduledRun, type ScheduleTiming } from '@/lib/runs/schedule-time';
import { isTimeZone, localDate, monthsBefore, zonedInstant } from '@/lib/time-zone';
import { currentZoneName, isTimeZoneChoice, timeZoneChoices, zoneChoiceOr } from '@/lib/time-zone-names';

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

  it('gives the latest occurrence and describes the next', () => {
    const now = at('2026-11-30T13:00:00Z'); // 08:00 in New York
    expect(latestOccurrence('09:00', 'America/New_York', now)).toEqual({ date: '2026-11-29', at: at('2026-11-29T14:00:00Z') });
    const fresh: ScheduleTiming = { timeOfDay: '09:00', timeZone: 'America/New_York', lastRunDate: null, lastRunAt: null, savedAt: at('2026-11-30T12:00:00Z') };
    expect(nextScheduledRun(fresh, now)).toEqual({ date: '2026-11-30', at: at('2026-11-30T14:00:00Z') });
    expect(describeOccurrence(nextScheduledRun(fresh, now), '09:00', 'America/New_York', now)).toBe('today 09:00 America/New_York');
    const later = at('2026-11-30T15:00:00Z');
    const ran = { ...fresh, lastRunDate: '2026-11-30', lastRunAt: at('2026-11-30T14:00:20Z') };
    expect(describeOccurrence(nextScheduledRun(ran, later), '09:00', 'America/New_York', later)).toBe('tomorrow 09:00 America/New_York');
  });
});

describe('when a daily re-share runs next (the preview and the tick ask the same function)', () => {
  const base: ScheduleTiming = { timeOfDay: '09:00', timeZone: 'Europe/Paris', lastRunDate: null, lastRunAt: null, savedAt: at('2026-11-20T00:00:00Z') };
  const due = (schedule: ScheduleTiming, now: Date) => nextScheduledRun(schedule, now).at <= now;

  it('is due once per local day, and a missed week is one run, not seven', () => {
    expect(nextScheduledRun(base, at('2026-11-30T07:59:00Z'))).toEqual({ date: '2026-11-29', at: at('2026-11-29T08:00:00Z') });
    expect(due(base, at('2026-11-30T07:59:00Z'))).toBe(true);
    const ranThe29th = { ...base, lastRunDate: '2026-11-29', lastRunAt: at('2026-11-29T08:00:30Z') };
    expect(due(ranThe29th, at('2026-11-30T07:59:00Z'))).toBe(false);
    expect(nextScheduledRun(ranThe29th, at('2026-11-30T08:00:00Z'))).toEqual({ date: '2026-11-30', at: at('2026-11-30T08:00:00Z') });
    expect(due(ranThe29th, at('2026-11-30T08:00:00Z'))).toBe(true);
    const ranThe22nd = { ...base, lastRunDate: '2026-11-22', lastRunAt: at('2026-11-22T08:00:30Z') };
    expect(nextScheduledRun(ranThe22nd, at('2026-11-30T12:00:00Z')).date).toBe('2026-11-30');
  });

  it('never runs a time already passed when the settings were saved', () => {
    // Saved at 10:00 Paris for 09:00: tomorrow, not now.
    const saved = { ...base, savedAt: at('2026-11-30T09:00:00Z') };
    expect(nextScheduledRun(saved, at('2026-11-30T09:00:30Z'))).toEqual({ date: '2026-12-01', at: at('2026-12-01T08:00:00Z') });
  });

  it('keeps its promise after the time is changed twice in one evening: today was already run', () => {
    // 21:05 New York: the day's run is made. Then the time is moved to 23:40, then to 23:45.
    const ny = { ...base, timeZone: 'America/New_York', timeOfDay: '21:05', savedAt: at('2026-11-30T20:00:00Z') };
    const ran = { ...ny, lastRunDate: '2026-11-30', lastRunAt: at('2026-12-01T02:05:10Z') };
    const moved = { ...ran, timeOfDay: '23:40', savedAt: at('2026-12-01T03:00:00Z') };
    const movedAgain = { ...moved, timeOfDay: '23:45', savedAt: at('2026-12-01T03:10:00Z') };
    const evening = at('2026-12-01T03:15:00Z'); // 22:15 in New York
    // Not "today 23:45": today had its run at 21:05; the next is tomorrow's, and the tick agrees at 23:45.
    expect(describeOccurrence(nextScheduledRun(movedAgain, evening), '23:45', 'America/New_York', evening)).toBe('tomorrow 23:45 America/New_York');
    expect(due(movedAgain, at('2026-12-01T04:45:30Z'))).toBe(false);
    expect(due(movedAgain, at('2026-12-02T04:45:00Z'))).toBe(true);
  });

  it('keeps runs about a day apart when the zone jumps across the date line', () => {
    // Ran at 09:00 in Pacific/Kiritimati (UTC+14), then switched to Pacific/Pago_Pago (UTC−11) three minutes later.
    const kiritimati = { ...base, timeZone: 'Pacific/Kiritimati', lastRunDate: '2026-12-02', lastRunAt: at('2026-12-01T19:00:00Z') };
    const switched = { ...kiritimati, timeZone: 'Pacific/Pago_Pago', savedAt: at('2026-12-01T19:02:00Z') };
    const next = nextScheduledRun(switched, at('2026-12-01T19:03:00Z'));
    expect(next.at.getTime() - kiritimati.lastRunAt.getTime()).toBeGreaterThanOrEqual(MIN_RUN_GAP_MS);
    // Every minute until then: never due again within 22 hours of the last run.
    for (let t = at('2026-12-01T19:03:00Z').getTime(); t < at('2026-12-02T17:00:00Z').getTime(); t += 60_000) {
      expect(due(switched, new Date(t))).toBe(false);
    }
    // And back the other way: a run in Pago Pago, then Kiritimati, whose date is already a day ahead.
    const pago = { ...base, timeZone: 'Pacific/Pago_Pago', lastRunDate: '2026-12-01', lastRunAt: at('2026-12-01T20:00:00Z') };
    const east = { ...pago, timeZone: 'Pacific/Kiritimati', savedAt: at('2026-12-01T20:03:00Z') };
    expect(nextScheduledRun(east, at('2026-12-01T20:05:00Z')).at.getTime() - pago.lastRunAt.getTime()).toBeGreaterThanOrEqual(MIN_RUN_GAP_MS);
  });

  it('keeps its local time across a daylight-saving change (a 23-hour day)', () => {
    // (The last run started 40 s late, as a tick may.)
    const ny = { ...base, timeZone: 'America/New_York', savedAt: at('2026-03-01T00:00:00Z'), lastRunDate: '2026-03-07', lastRunAt: at('2026-03-07T14:00:40Z') };
    expect(nextScheduledRun(ny, at('2026-03-08T10:00:00Z'))).toEqual({ date: '2026-03-08', at: at('2026-03-08T13:00:00Z') });
  });
});

describe('time zones staff may choose', () => {
  it('lists the runtime’s IANA names under their current names, UTC first', () => {
    const choices = timeZoneChoices();
    expect(choices[0]).toBe('UTC');
    expect(choices).toContain('Asia/Kolkata');
    expect(choices).toContain('Europe/Kyiv');
    expect(choices).not.toContain('Asia/Calcutta');
    expect(new Set(choices).size).toBe(choices.length);
    expect(currentZoneName('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
  });

  it('refuses offsets and names outside the list, and offers the browser’s zone when it is one', () => {
    expect(isTimeZoneChoice('America/New_York')).toBe(true);
    expect(isTimeZoneChoice('-23:59')).toBe(false);
    expect(isTimeZoneChoice('Etc/GMT+12')).toBe(false);
    expect(isTimeZoneChoice('Asia/Calcutta')).toBe(false);
    expect(zoneChoiceOr('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(zoneChoiceOr('+05:30')).toBe('UTC');
    expect(zoneChoiceOr(undefined)).toBe('UTC');
  });

  it('recognises IANA zone names', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('months back (how far SHARE_HISTORY_MONTHS keeps share events)', () => {
  it('keeps the time of day, crosses years, and ends on the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2026-12-02T19:30:00Z'), 4).toISOString()).toBe('2026-08-02T19:30:00.000Z');
    expect(monthsBefore(new Date('2026-02-15T00:00:00Z'), 3).toISOString()).toBe('2025-11-15T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-07-31T08:00:00Z'), 5).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(monthsBefore(new Date('2028-05-31T08:00:00Z'), 3).toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T23:59:00Z'), 25).toISOString()).toBe('2024-02-29T23:59:00.000Z');
  });
});
